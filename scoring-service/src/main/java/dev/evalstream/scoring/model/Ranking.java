package dev.evalstream.scoring.model;

import dev.evalstream.harness.PassAtK;

/**
 * pass@1 when one sample per task is chosen by a heuristic (Chen et al., section 3.4), over
 * the tasks whose counted samples carry log-probabilities: the highest mean log-probability,
 * the highest sum, a random sample (= plain pass@1) and an oracle (= pass@n: any sample passes).
 *
 * @return null when no task of the run has log-probabilities
 */
public record Ranking(int tasksRanked, double meanLogprob, double sumLogprob, double random, double oracle) {

    public static Ranking of(RunTally tally) {
        int tasks = 0;
        int byMean = 0;
        int bySum = 0;
        double random = 0;
        int oracle = 0;
        for (TaskTally t : tally.tasks().values()) {
            if (t.n() == 0 || t.bestMeanLogprob() == null || t.bestSumLogprob() == null) {
                continue;
            }
            tasks++;
            byMean += t.bestMeanPassed() ? 1 : 0;
            bySum += t.bestSumPassed() ? 1 : 0;
            random += PassAtK.estimate(t.n(), t.c(), 1);
            oracle += t.c() > 0 ? 1 : 0;
        }
        if (tasks == 0) {
            return null;
        }
        return new Ranking(tasks, byMean / (double) tasks, bySum / (double) tasks, random / tasks, oracle / (double) tasks);
    }
}
