package dev.evalstream.scoring.model;

import dev.evalstream.harness.PassAtK;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's figures as sums over its task tallies, so a task's new tally is applied in O(|ks|):
 * its old contribution is subtracted and its new one added. The pass@k sums are exact
 * decimals (a double converts to BigDecimal exactly, and exact sums do not depend on the
 * order of additions), so a replay after a crash gives digit-for-digit the same figures.
 *
 * @param byK  for each k of the run (as a string, the JSON key): sums over scored tasks with n >= k
 * @param rank the log-probability ranking counts (tasks whose counted samples carried log-probabilities)
 * @param plusTasks tasks with at least one verdict on extra tests (evalplus's formats)
 * @param plusByK   the same sums as byK over those tasks' plus verdicts
 */
public record RunTally(int tasksScored, long samplesScored, long samplesErrored, long samplesLost, Map<String, KSums> byK,
                       RankSums rank, int plusTasks, Map<String, KSums> plusByK) {

    /** Sums of pass@k and of its square over tasks with n >= k; tasksBelowK = scored tasks with n < k. */
    public record KSums(BigDecimal sum, BigDecimal squares, int tasksBelowK) {
    }

    /** Counts behind Ranking; random is the exact sum of the ranked tasks' pass@1. */
    public record RankSums(int tasks, int byMean, int bySum, BigDecimal random, int oracle) {
    }

    public RunTally {
        byK = byK == null ? Map.of() : byK;
        rank = rank == null ? new RankSums(0, 0, 0, BigDecimal.ZERO, 0) : rank;
        plusByK = plusByK == null ? Map.of() : plusByK;
    }

    /** A tally without extra tests. */
    public RunTally(int tasksScored, long samplesScored, long samplesErrored, long samplesLost, Map<String, KSums> byK,
                    RankSums rank) {
        this(tasksScored, samplesScored, samplesErrored, samplesLost, byK, rank, 0, null);
    }

    public static RunTally empty(List<Integer> ks) {
        Map<String, KSums> byK = new LinkedHashMap<>();
        for (int k : ks) {
            byK.put(Integer.toString(k), new KSums(BigDecimal.ZERO, BigDecimal.ZERO, 0));
        }
        return new RunTally(0, 0, 0, 0, byK, null);
    }

    /** Adds a task's contribution. */
    public RunTally with(TaskTally t) {
        return add(t, 1);
    }

    /** Removes a contribution added before with the same tally. */
    public RunTally without(TaskTally t) {
        return add(t, -1);
    }

    private RunTally add(TaskTally t, int sign) {
        boolean scored = t.n() > 0;
        Map<String, KSums> sums = sums(byK, t.n(), t.c(), sign);
        boolean plusScored = t.plusN() > 0;
        Map<String, KSums> plusSums = plusByK;
        if (plusScored) {
            Map<String, KSums> before = new LinkedHashMap<>();
            byK.keySet().forEach(key -> before.put(key, plusByK.getOrDefault(key, ZERO)));
            plusSums = sums(before, t.plusN(), t.plusC(), sign);
        }
        RankSums r = rank;
        if (scored && t.bestMeanLogprob() != null && t.bestSumLogprob() != null) {
            r = new RankSums(r.tasks() + sign, r.byMean() + (t.bestMeanPassed() ? sign : 0),
                    r.bySum() + (t.bestSumPassed() ? sign : 0), plus(r.random(), PassAtK.estimate(t.n(), t.c(), 1), sign),
                    r.oracle() + (t.c() > 0 ? sign : 0));
        }
        return new RunTally(tasksScored + (scored ? sign : 0), samplesScored + (long) sign * t.n(),
                samplesErrored + (long) sign * t.errors(), samplesLost + (long) sign * t.lost(), sums, r,
                plusTasks + (plusScored ? sign : 0), plusSums);
    }

    private static final KSums ZERO = new KSums(BigDecimal.ZERO, BigDecimal.ZERO, 0);

    /** The sums per k with one task of n verdicts and c passes added (sign 1) or removed (sign -1). */
    private static Map<String, KSums> sums(Map<String, KSums> byK, int n, int c, int sign) {
        Map<String, KSums> sums = new LinkedHashMap<>();
        byK.forEach((key, s) -> {
            int k = Integer.parseInt(key);
            if (n <= 0 || k < 1) {
                sums.put(key, s);
            } else if (n < k) {
                sums.put(key, new KSums(s.sum(), s.squares(), s.tasksBelowK() + sign));
            } else {
                double p = PassAtK.estimate(n, c, k);
                sums.put(key, new KSums(plus(s.sum(), p, sign), plus(s.squares(), p * p, sign), s.tasksBelowK()));
            }
        });
        return sums;
    }

    /** Exact; trailing zeros stripped so equal sums are also written with the same digits. */
    private static BigDecimal plus(BigDecimal sum, double x, int sign) {
        BigDecimal d = new BigDecimal(x);
        return (sign > 0 ? sum.add(d) : sum.subtract(d)).stripTrailingZeros();
    }
}
