package dev.evalstream.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.PassAtK.Tally;
import dev.evalstream.harness.stats.PairedComparison.TaskTallies;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The alert rule at the scorer's defaults: what it decides on hand-made runs, and how often it
 * raises a false alarm on simulated families of checkpoints of equal quality (each judged against
 * the previous one, as the scorer's judge does), and how often it finds a five-point drop.
 */
class RegressionRuleTest {
    private static final RegressionRule RULE = RegressionRule.defaults();
    private static final int FAMILIES = 1_000;
    private static final int CHECKPOINTS = 5;

    @Test
    void alertsOnASignificantLargeDropOnly() {
        List<TaskTallies> fall = new ArrayList<>();
        List<TaskTallies> same = new ArrayList<>();
        List<TaskTallies> small = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fall.add(new TaskTallies("t/" + i, new Tally(8, 6), new Tally(8, i % 2 == 0 ? 2 : 3)));
            same.add(new TaskTallies("t/" + i, new Tally(8, i % 8), new Tally(8, i % 8)));
            // every task one sample in 100 worse: significant (no spread), but a one-point drop
            small.add(new TaskTallies("t/" + i, new Tally(100, 50), new Tally(100, 49)));
        }
        RegressionRule.Verdict v = RULE.judge(fall, 1).orElseThrow();
        assertTrue(v.alert(), v.toString());
        assertEquals(40, v.regressed().size());
        assertFalse(RULE.judge(same, 1).orElseThrow().alert());
        RegressionRule.Verdict tiny = RULE.judge(small, 1).orElseThrow();
        assertTrue(tiny.difference().pDrop() < 0.05 && !tiny.alert(), "significant but under the minimum drop: " + tiny);
        assertTrue(RULE.judge(fall, 9).isEmpty(), "k above n: no verdict");
        assertFalse(RULE.judge(fall.subList(0, 1), 1).orElseThrow().alert(), "one task: no test, no alert");
    }

    /** HumanEval's shape: 164 tasks, n = 10. */
    @Test
    void equalCheckpointsOfHumanEvalsShapeRaiseFewAlarms() {
        falseAlarms("164 tasks, n=10", 164, 10, 1);
    }

    /** The demo's shape: 15 tasks, n = 8, where the t-test, not the minimum drop, decides. */
    @Test
    void equalCheckpointsOfTheDemosShapeRaiseFewAlarms() {
        falseAlarms("15 tasks, n=8", 15, 8, 2);
    }

    private static void falseAlarms(String shape, int tasks, int n, long seed) {
        RandomGenerator random = new Well19937c(seed);
        int judged = 0;
        int alerts = 0;
        int familiesAlerted = 0;
        for (int f = 0; f < FAMILIES; f++) {
            double[] rates = rates(random, tasks);
            int[] previous = draw(random, rates, n);
            boolean any = false;
            for (int c = 1; c < CHECKPOINTS; c++) {
                int[] next = draw(random, rates, n);
                judged++;
                if (RULE.judge(pair(previous, next, n), 1).orElseThrow().alert()) {
                    alerts++;
                    any = true;
                }
                previous = next;
            }
            familiesAlerted += any ? 1 : 0;
        }
        double rate = alerts / (double) judged;
        double bound = RULE.level() + 2 * Math.sqrt(RULE.level() * (1 - RULE.level()) / judged);
        double detected = detection(random, tasks, n, 0.05);
        System.out.printf("false alarms (%s, level %.2f, min drop %.2f): %d of %d judged checkpoints = %.4f"
                        + " (bound %.4f); families of %d with any alert: %d of %d = %.3f; detection of a 5-point drop: %.3f%n",
                shape, RULE.level(), RULE.minDrop(), alerts, judged, rate, bound, CHECKPOINTS, familiesAlerted, FAMILIES,
                familiesAlerted / (double) FAMILIES, detected);
        assertTrue(rate <= bound, "false-alarm rate " + rate + " above " + bound);
        assertTrue(detected > rate, "a real drop must be found more often than a false one");
    }

    /** How often the rule alerts when pass@1 truly falls by drop (each task's rate scaled down alike). */
    private static double detection(RandomGenerator random, int tasks, int n, double drop) {
        int found = 0;
        for (int f = 0; f < FAMILIES; f++) {
            double[] rates = rates(random, tasks);
            double mean = java.util.Arrays.stream(rates).average().orElseThrow();
            double[] lower = java.util.Arrays.stream(rates).map(r -> r * (1 - drop / mean)).toArray();
            if (RULE.judge(pair(draw(random, rates, n), draw(random, lower, n), n), 1).orElseThrow().alert()) {
                found++;
            }
        }
        return found / (double) FAMILIES;
    }

    /** Per-task pass rates of one family, U-shaped as on real benchmarks (many tasks nearly always or never solved). */
    private static double[] rates(RandomGenerator random, int tasks) {
        BetaDistribution beta = new BetaDistribution(random, 0.5, 0.5);
        double[] r = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            r[i] = beta.sample();
        }
        return r;
    }

    private static int[] draw(RandomGenerator random, double[] rates, int n) {
        int[] c = new int[rates.length];
        for (int i = 0; i < rates.length; i++) {
            c[i] = new BinomialDistribution(random, n, rates[i]).sample();
        }
        return c;
    }

    private static List<TaskTallies> pair(int[] a, int[] b, int n) {
        List<TaskTallies> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            out.add(new TaskTallies("t/" + i, new Tally(n, a[i]), new Tally(n, b[i])));
        }
        return out;
    }
}
