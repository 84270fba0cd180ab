package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.local.LocalCheck;
import dev.evalstream.evalctl.local.PlusPublication;
import dev.evalstream.evalctl.options.InputFiles;
import dev.evalstream.evalctl.options.SandboxFlags;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate a samples file locally in the sandbox, without Kafka: a drop-in for human-eval's "
                + "evaluate_functional_correctness.", "Writes SAMPLES_results.jsonl beside the samples file and prints pass@k."})
public class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE|NAME", description = "Problems: human-eval's JSONL, or "
            + "evalplus's (HumanEval+, MBPP+: detected by plus_input); .gz allowed. Or a catalog name NAME[@VERSION] "
            + "(humaneval, humaneval+, mbpp, mbpp+; e.g. mbpp+@pre).")
    Path problemsFile;

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Samples, human-eval JSONL (completion; or evalplus's whole-program solution); .gz allowed.")
    Path samplesFile;

    @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "1,10,100", description = "k values of pass@k (default ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--json", description = "Print one JSON object (pass_at_k keyed by k, with tasks and samples) instead of human-eval's dict.")
    boolean json;

    @Mixin
    SandboxFlags sandbox;

    @Override
    public Integer call() {
        if (ks.stream().anyMatch(k -> k < 1)) {
            throw new EvalctlException(ExitCodes.USAGE, "--k must be positive");
        }
        SandboxOptions options = sandbox.options();
        Map<String, Problem> problems = InputFiles.problems(problemsFile);
        List<SampleLine> samples = InputFiles.samples(samplesFile, problems);
        spec.commandLine().getErr().println("Evaluating " + samples.size() + " samples of " + problems.size() + " problems with " + sandbox.workers() + " workers...");
        LocalCheck.Report report;
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            problems = PlusPublication.expectedOutputs(problems, evaluator, spec.commandLine().getErr());
            report = LocalCheck.run(problems, samplesFile, samples, ks, evaluator);
        } catch (SandboxUnavailableException e) {
            throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
        }
        spec.commandLine().getErr().println("Wrote results to " + report.resultsFile()
                + (report.evalPlusFile() != null ? " and " + report.evalPlusFile() : ""));
        spec.commandLine().getOut().println(json ? report.json().toString() : report.humanEvalText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
