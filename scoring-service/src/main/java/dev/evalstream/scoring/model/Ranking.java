package dev.evalstream.scoring.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * pass@1 when one sample per task is chosen by a heuristic (Chen et al., section 3.4), over
 * the tasks whose counted samples carry log-probabilities: the highest mean log-probability,
 * the highest sum, a random sample (= plain pass@1) and an oracle (= pass@n: any sample passes).
 */
public record Ranking(int tasksRanked, double meanLogprob, double sumLogprob, double random, double oracle) {

    /** @return null when no task of the run has log-probabilities */
    public static Ranking of(RunTally tally) {
        RunTally.RankSums r = tally.rank();
        int tasks = r.tasks();
        if (tasks <= 0) {
            return null;
        }
        double random = r.random().divide(BigDecimal.valueOf(tasks), MathContext.DECIMAL128).doubleValue();
        return new Ranking(tasks, r.byMean() / (double) tasks, r.bySum() / (double) tasks, random,
                r.oracle() / (double) tasks);
    }
}
