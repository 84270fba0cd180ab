package dev.evalstream.scoring.model;

/**
 * One task's counts in one run: n verdicts counted, c of them passes, errors = identities
 * that so far have only an infrastructure error, lost = identities that so far have only a
 * dead letter. The best-by-log-probability fields rank samples the way Chen et al. did
 * (highest mean, highest sum); null when no counted sample carried log-probabilities.
 * plusN and plusC count the same way the verdicts on extra tests (evalplus's plus status) of
 * the counted samples that had any: 0 and 0 for a problem without extra tests.
 */
public record TaskTally(String runId, String taskId, int n, int c, int errors, int lost,
                        Double bestMeanLogprob, boolean bestMeanPassed,
                        Double bestSumLogprob, boolean bestSumPassed, int plusN, int plusC) {

    /** A task without extra tests. */
    public TaskTally(String runId, String taskId, int n, int c, int errors, int lost, Double bestMeanLogprob,
                     boolean bestMeanPassed, Double bestSumLogprob, boolean bestSumPassed) {
        this(runId, taskId, n, c, errors, lost, bestMeanLogprob, bestMeanPassed, bestSumLogprob, bestSumPassed, 0, 0);
    }

    public static TaskTally empty(String runId, String taskId) {
        return new TaskTally(runId, taskId, 0, 0, 0, 0, null, false, null, false);
    }

    /**
     * Counts a new state of one identity, releasing the placeholder it replaces (an ERROR or LOST
     * outcome, or null): a real verdict adds to n and c, a placeholder to errors or lost.
     */
    public TaskTally with(SampleState s, String replaced) {
        int e = errors - (SampleState.ERROR.equals(replaced) ? 1 : 0) + (s.isError() ? 1 : 0);
        int l = lost - (SampleState.LOST.equals(replaced) ? 1 : 0) + (s.isLost() ? 1 : 0);
        if (s.isPlaceholder()) {
            return new TaskTally(runId, taskId, n, c, e, l, bestMeanLogprob, bestMeanPassed, bestSumLogprob, bestSumPassed,
                    plusN, plusC);
        }
        boolean pass = s.passed();
        boolean bestMean = s.meanLogprob() != null && (bestMeanLogprob == null || s.meanLogprob() > bestMeanLogprob);
        boolean bestSum = s.sumLogprob() != null && (bestSumLogprob == null || s.sumLogprob() > bestSumLogprob);
        return new TaskTally(runId, taskId, n + 1, c + (pass ? 1 : 0), e, l,
                bestMean ? s.meanLogprob() : bestMeanLogprob, bestMean ? pass : bestMeanPassed,
                bestSum ? s.sumLogprob() : bestSumLogprob, bestSum ? pass : bestSumPassed,
                plusN + (s.hasPlus() ? 1 : 0), plusC + (s.plusPassed() ? 1 : 0));
    }
}
