package dev.evalstream.harness.stats;

import dev.evalstream.harness.PassAtK;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Run B against run A on the same tasks, task by task: the one place where evalstream decides
 * whether a difference in pass@k is more than noise ({@code compare} and the regression alerts
 * both use it).
 *
 * <p>The unit is the paper's per-task estimator: for each task i, d_i = pass@k(B, i) - pass@k(A, i),
 * so the mean of the d_i is exactly the difference of the two runs' pass@k. Pairing removes the
 * largest source of variance, how hard each task is, which two independent means would keep.
 * The test is Student's paired t-test over tasks (scipy's {@code ttest_rel}): the d_i are
 * bounded and, over the tens to hundreds of tasks of a benchmark, their mean is close to normal;
 * the confidence interval is the matching t interval, so the two never disagree.
 *
 * <p>Degenerate cases, where scipy answers nan: with fewer than 2 tasks there is no test (NaN
 * p-value and interval); when every d_i is the same the spread is zero, and the answer is a
 * p-value of 1 for d = 0 (no difference at all) and 0 otherwise, with the interval [d, d].
 */
public final class PairedComparison {
    private PairedComparison() {
    }

    /** One task's tallies in both runs. */
    public record TaskTallies(String taskId, PassAtK.Tally a, PassAtK.Tally b) {
    }

    /**
     * pass@k of both runs over the compared tasks and their paired difference b - a: its
     * two-sided confidence interval, its two-sided p-value, and the one-sided p-value of a drop
     * (the alternative "B is worse than A"), which is what a regression alert tests.
     */
    public record Difference(int k, int tasks, double a, double b, double delta, double ciLow, double ciHigh,
                             double pValue, double pDrop) {
    }

    /** One task's pass@1 estimate c/n in each run. */
    public record TaskChange(String taskId, double a, double b) {
        public double delta() {
            return b - a;
        }
    }

    /**
     * The whole comparison: each task's c/n in both runs, the difference at each k every
     * compared task has samples for, and the tasks whose c/n rose or fell (largest change first).
     */
    public record Comparison(List<TaskChange> tasks, Map<Integer, Difference> passAtK,
                             List<String> improved, List<String> regressed) {
    }

    /** Compares the tasks scored in both runs (n > 0 in each) at each k; k beyond some task's n is left out. */
    public static Comparison of(List<TaskTallies> tallies, List<Integer> ks, double confidence) {
        List<TaskTallies> both = tallies.stream().filter(t -> t.a().n() > 0 && t.b().n() > 0)
                .sorted(Comparator.comparing(TaskTallies::taskId)).toList();
        List<TaskChange> changes = new ArrayList<>();
        for (TaskTallies t : both) {
            changes.add(new TaskChange(t.taskId(), rate(t.a()), rate(t.b())));
        }
        Map<Integer, Difference> byK = new TreeMap<>();
        for (int k : ks) {
            atK(both, k, confidence).ifPresent(d -> byK.put(k, d));
        }
        Comparator<TaskChange> largestFirst = Comparator.comparingDouble((TaskChange c) -> -Math.abs(c.delta()))
                .thenComparing(TaskChange::taskId);
        List<String> improved = changes.stream().filter(c -> c.delta() > 0).sorted(largestFirst)
                .map(TaskChange::taskId).toList();
        List<String> regressed = changes.stream().filter(c -> c.delta() < 0).sorted(largestFirst)
                .map(TaskChange::taskId).toList();
        return new Comparison(changes, byK, improved, regressed);
    }

    /**
     * The paired difference at k over the given tasks; empty when there are none or some task
     * has fewer than k samples in either run (pass@k is not defined for it).
     */
    public static Optional<Difference> atK(List<TaskTallies> tasks, int k, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        int m = tasks.size();
        if (m == 0 || tasks.stream().anyMatch(t -> t.a().n() < k || t.b().n() < k)) {
            return Optional.empty();
        }
        double sumA = 0;
        double sumB = 0;
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            TaskTallies t = tasks.get(i);
            double a = PassAtK.estimate(t.a().n(), t.a().c(), k);
            double b = PassAtK.estimate(t.b().n(), t.b().c(), k);
            sumA += a;
            sumB += b;
            d[i] = b - a;
        }
        double mean = (sumB - sumA) / m;
        if (m < 2) {
            return Optional.of(new Difference(k, m, sumA, sumB, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (m - 1) / m);
        double a = sumA / m;
        double b = sumB / m;
        if (se == 0 || se < 1e-12 * Math.abs(mean)) { // every task moved by the same amount
            double p = mean == 0 ? 1.0 : 0.0;
            double pDrop = mean < 0 ? 0.0 : 1.0;
            return Optional.of(new Difference(k, m, a, b, mean, mean, mean, p, pDrop));
        }
        TDistribution t = new TDistribution(null, m - 1);
        double stat = mean / se;
        double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * se;
        double pValue = Math.min(1.0, 2 * t.cumulativeProbability(-Math.abs(stat)));
        double pDrop = t.cumulativeProbability(stat);
        return Optional.of(new Difference(k, m, a, b, mean, mean - half, mean + half, pValue, pDrop));
    }

    private static double rate(PassAtK.Tally t) {
        return (double) t.c() / t.n();
    }
}
