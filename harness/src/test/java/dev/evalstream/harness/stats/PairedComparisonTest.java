package dev.evalstream.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.harness.PassAtK.Tally;
import dev.evalstream.harness.stats.PairedComparison.Comparison;
import dev.evalstream.harness.stats.PairedComparison.Difference;
import dev.evalstream.harness.stats.PairedComparison.TaskTallies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the paired comparison to an independent computation: Debian's python3 with scipy
 * (python3-scipy, installed by bin/setup) runs ttest_rel on per-task pass@k values it derives
 * itself from the same tallies with math.comb, and its figures must match ours.
 */
class PairedComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** scipy's side: per-task pass@k by binomial coefficients, then the paired t-test and its interval. */
    private static final String SCIPY = """
            import json, sys
            from math import comb
            from scipy import stats
            cases = json.load(open(sys.argv[1]))
            def est(n, c, k):
                return 1.0 - comb(n - c, k) / comb(n, k)
            out = []
            for case in cases:
                k = case["k"]
                a = [est(n, c, k) for n, c in case["a"]]
                b = [est(n, c, k) for n, c in case["b"]]
                two = stats.ttest_rel(b, a)
                less = stats.ttest_rel(b, a, alternative="less")
                ci = two.confidence_interval(0.95)
                out.append({"a": sum(a) / len(a), "b": sum(b) / len(b), "p": float(two.pvalue),
                            "p_drop": float(less.pvalue), "lo": float(ci.low), "hi": float(ci.high)})
            print(json.dumps(out))
            """;

    @Test
    void matchesScipysPairedTTestOnRandomRuns(@TempDir Path dir) throws Exception {
        Random random = new Random(20261130);
        List<List<TaskTallies>> runs = new ArrayList<>();
        List<Integer> ks = new ArrayList<>();
        // a benchmark's size with n = 10 at k = 1, 5, 10; a demo's 15 tasks at n = 8; a drop and a rise
        for (int[] shape : new int[][] {{164, 10, 1, 0}, {164, 10, 5, 0}, {164, 10, 10, 0}, {15, 8, 1, -3}, {40, 20, 1, 2}}) {
            runs.add(randomPair(random, shape[0], shape[1], shape[3]));
            ks.add(shape[2]);
        }
        StringBuilder cases = new StringBuilder("[");
        for (int i = 0; i < runs.size(); i++) {
            cases.append(i == 0 ? "" : ",").append("{\"k\":").append(ks.get(i)).append(",\"a\":[");
            List<TaskTallies> run = runs.get(i);
            for (int j = 0; j < run.size(); j++) {
                cases.append(j == 0 ? "" : ",").append('[').append(run.get(j).a().n()).append(',').append(run.get(j).a().c()).append(']');
            }
            cases.append("],\"b\":[");
            for (int j = 0; j < run.size(); j++) {
                cases.append(j == 0 ? "" : ",").append('[').append(run.get(j).b().n()).append(',').append(run.get(j).b().c()).append(']');
            }
            cases.append("]}");
        }
        Path input = Files.writeString(dir.resolve("cases.json"), cases.append(']').toString());
        JsonNode scipy = runScipy(dir, input);

        for (int i = 0; i < runs.size(); i++) {
            Difference d = PairedComparison.atK(runs.get(i), ks.get(i), 0.95).orElseThrow();
            JsonNode s = scipy.get(i);
            String at = "case " + i + " (k=" + ks.get(i) + ")";
            assertEquals(s.get("a").asDouble(), d.a(), 1e-12, at + ": pass@k of A");
            assertEquals(s.get("b").asDouble(), d.b(), 1e-12, at + ": pass@k of B");
            assertEquals(s.get("b").asDouble() - s.get("a").asDouble(), d.delta(), 1e-12, at + ": delta");
            assertEquals(s.get("p").asDouble(), d.pValue(), 1e-9, at + ": two-sided p-value");
            assertEquals(s.get("p_drop").asDouble(), d.pDrop(), 1e-9, at + ": one-sided p-value of a drop");
            assertEquals(s.get("lo").asDouble(), d.ciLow(), 1e-9, at + ": interval low");
            assertEquals(s.get("hi").asDouble(), d.ciHigh(), 1e-9, at + ": interval high");
        }
        // the planted drop is found, the planted rise is not a drop
        assertTrue(PairedComparison.atK(runs.get(3), 1, 0.95).orElseThrow().pDrop() < 0.05);
        assertTrue(PairedComparison.atK(runs.get(4), 1, 0.95).orElseThrow().pDrop() > 0.5);
    }

    @Test
    void identicalRunsDifferByNothingAndTooFewTasksHaveNoTest() {
        List<TaskTallies> same = List.of(new TaskTallies("t1", new Tally(5, 2), new Tally(5, 2)),
                new TaskTallies("t2", new Tally(5, 5), new Tally(5, 5)));
        Difference d = PairedComparison.atK(same, 1, 0.95).orElseThrow();
        assertEquals(0.0, d.delta());
        assertEquals(1.0, d.pValue());
        assertEquals(1.0, d.pDrop());
        Difference one = PairedComparison.atK(same.subList(0, 1), 1, 0.95).orElseThrow();
        assertTrue(Double.isNaN(one.pValue()) && Double.isNaN(one.ciLow()));
        assertTrue(PairedComparison.atK(same, 6, 0.95).isEmpty(), "k beyond n has no pass@k");
    }

    @Test
    void listsTasksByTheirChangeInCOverNLargestFirst() {
        Comparison c = PairedComparison.of(List.of(
                new TaskTallies("t/1", new Tally(4, 1), new Tally(4, 3)),
                new TaskTallies("t/2", new Tally(4, 4), new Tally(4, 0)),
                new TaskTallies("t/3", new Tally(4, 2), new Tally(4, 1)),
                new TaskTallies("t/4", new Tally(4, 2), new Tally(4, 2)),
                new TaskTallies("t/5", new Tally(4, 2), new Tally(0, 0))), List.of(1, 10), 0.95);
        assertEquals(List.of("t/1", "t/2", "t/3", "t/4"), c.tasks().stream().map(PairedComparison.TaskChange::taskId).toList(),
                "a task with no samples in one run is not compared");
        assertEquals(List.of("t/1"), c.improved());
        assertEquals(List.of("t/2", "t/3"), c.regressed());
        assertEquals(List.of(1), List.copyOf(c.passAtK().keySet()), "k = 10 is beyond n = 4");
        assertEquals((0.75 + 0 + 0.25 + 0.5) / 4 - (0.25 + 1 + 0.5 + 0.5) / 4, c.passAtK().get(1).delta(), 1e-12);
    }

    private static List<TaskTallies> randomPair(Random random, int tasks, int n, int shift) {
        List<TaskTallies> out = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            double rate = random.nextDouble();
            int a = binomial(random, n, rate);
            int b = Math.max(0, Math.min(n, binomial(random, n, rate) + (random.nextBoolean() ? shift : 0)));
            out.add(new TaskTallies("HumanEval/" + i, new Tally(n, a), new Tally(n, b)));
        }
        return out;
    }

    private static int binomial(Random random, int n, double p) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += random.nextDouble() < p ? 1 : 0;
        }
        return c;
    }

    private static JsonNode runScipy(Path dir, Path input) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("scipy_side.py"), SCIPY);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), input.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "Debian's python3 with python3-scipy (bin/setup installs it) failed:\n" + out);
        return JSON.readTree(out);
    }
}
