package dev.evalstream.evalctl.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.StackOptions;
import dev.evalstream.evalctl.client.Dataset;
import dev.evalstream.evalctl.client.EventPublisher;
import dev.evalstream.evalctl.client.InputFiles;
import dev.evalstream.evalctl.client.LocalBench;
import dev.evalstream.evalctl.client.RunIds;
import dev.evalstream.evalctl.client.RunPublisher;
import dev.evalstream.evalctl.client.RunView;
import dev.evalstream.evalctl.client.RunWaiter;
import dev.evalstream.evalctl.client.ScorerClient;
import dev.evalstream.evalctl.client.Submission;
import dev.evalstream.events.Sampling;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.harness.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure evaluation throughput in samples/s: locally with check's sandboxed evaluator, or "
                + "(--streaming) through Kafka and the running stack until the scorer reports the run complete.",
                "Writes no results file. With --canonical, exits 1 unless every sample passed."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--problems", required = true, paramLabel = "FILE", description = "Problems, human-eval JSONL (.gz allowed).")
    Path problemsFile;

    @ArgGroup(exclusive = true)
    Input input = new Input();

    static class Input {
        @Option(names = "--samples", paramLabel = "FILE", description = "Samples to evaluate, human-eval JSONL (.gz allowed).")
        Path samplesFile;

        @Option(names = "--canonical", paramLabel = "N", description = "Evaluate every problem's canonical solution N times (default 10 without --samples).")
        Integer canonical;
    }

    @Mixin
    SandboxFlags sandbox;

    @Option(names = "--streaming", description = "Submit the samples through Kafka to the running stack and time the run until the scorer says complete.")
    boolean streaming;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "1800", description = "Longest wait for a streaming run (default ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        int n = input.canonical != null ? input.canonical : 10;
        if (n < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--canonical must be positive");
        }
        SandboxOptions options = sandbox.options();
        Map<String, Problem> problems = InputFiles.problems(problemsFile);
        List<SampleLine> samples = input.samplesFile != null ? InputFiles.samples(input.samplesFile, problems)
                : LocalBench.canonical(problems, n);
        return streaming ? streaming(problems, samples) : local(problems, samples, options);
    }

    private int local(Map<String, Problem> problems, List<SampleLine> samples, SandboxOptions options) {
        LocalBench.Report report;
        try {
            report = LocalBench.run(problems, samples, () -> SandboxEvaluator.create(options));
        } catch (SandboxUnavailableException e) {
            throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        spec.commandLine().getOut().println(json ? report.json(cores).toString() : report.line(cores));
        spec.commandLine().getOut().flush();
        boolean canonical = input.samplesFile == null;
        return canonical && report.passed() != report.samples() ? ExitCodes.SOFTWARE : ExitCodes.OK;
    }

    /**
     * Timed from the first event sent by a connected client (producer created, topics' metadata
     * and schema ids fetched, as a long-running publisher such as the generator has them) until
     * the scorer says complete; the client's start is printed beside it, and a second figure
     * includes it.
     */
    private int streaming(Map<String, Problem> problems, List<SampleLine> samples) {
        Dataset dataset = Dataset.of(problemsFile, problems);
        Instant now = Instant.now();
        String runId = RunIds.generate("bench", now);
        Sampling sampling = Sampling.newBuilder().setTemperature(0.0).setTopP(1.0).setMaxTokens(0).build();
        Submission submission = Submission.ofSamples(
                new Submission.Spec(runId, "bench", null, Map.of(), sampling, 1, List.of(1), 10), dataset, samples, now);
        long clientStart = System.nanoTime();
        long start;
        double published;
        try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            RunPublisher runs = new RunPublisher(publisher);
            runs.prepare(dataset, submission);
            start = System.nanoTime();
            runs.publish(dataset, submission);
            published = (System.nanoTime() - start) / 1e9;
        }
        double client = (start - clientStart) / 1e9;
        RunView done = new RunWaiter(new ScorerClient(stack.scorerUrl()), Duration.ofMillis(100))
                .await(runId, Duration.ofSeconds(waitSeconds), (view, rate) -> stack.log(1, view.samplesDone() + "/" + view.samplesTotal()));
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double withClient = (end - clientStart) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonNodeFactory.instance.objectNode()
                    .put("samples", samples.size()).put("seconds", round(seconds)).put("samples_per_second", round(samples.size() / seconds))
                    .put("published_seconds", round(published)).put("client_start_seconds", round(client))
                    .put("samples_per_second_with_client_start", round(samples.size() / withClient))
                    .put("run_id", runId).put("scored", done.samplesScored()).put("errored", done.samplesErrored()));
        } else {
            out.printf("%d samples in %.2f s through the stack, first event sent to run complete (published in %.2f s): "
                            + "%.0f samples/s; with the client's start (%.2f s) %.0f samples/s; run %s: %d scored, %d errored, "
                            + "pass@1 %s%n",
                    samples.size(), seconds, published, samples.size() / seconds, client, samples.size() / withClient, runId,
                    done.samplesScored(), done.samplesErrored(), done.passAtK().get("1"));
        }
        out.flush();
        return done.samplesErrored() == 0 ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
