package dev.evalstream.scoring.rest;

import java.util.List;
import java.util.Map;

/**
 * Run B against run A as GET /compare answers it (evalctl compare --json): DESIGN's fields first
 * (a, b, tasks_compared, pass_at_k, tasks, tasks_improved, tasks_regressed), then each run's
 * completeness, the dataset and the confidence level of the intervals.
 */
public record CompareView(String a, String b, int tasksCompared, Map<String, DifferenceView> passAtK,
                          List<TaskChangeView> tasks, List<String> tasksImproved, List<String> tasksRegressed,
                          boolean aComplete, boolean bComplete, String dataset, double confidence) {

    /**
     * pass@k of both runs over the compared tasks, delta = b - a with its interval and the paired
     * t-test's two-sided p-value; null where no test exists (fewer than 2 tasks). tasks: how many
     * tasks stand behind the figures.
     */
    public record DifferenceView(double a, double b, double delta, Double ciLow, Double ciHigh, Double pValue,
                                 int tasks) {
    }

    /** One task's pass@1 estimate c/n in each run, with the counts behind it. */
    public record TaskChangeView(String taskId, double a, double b, int aC, int aN, int bC, int bN) {
    }
}
