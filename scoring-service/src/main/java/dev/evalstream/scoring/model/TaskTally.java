package dev.evalstream.scoring.model;

/**
 * One task's counts in one run: n verdicts counted, c of them passes, errors = identities
 * that so far have only an infrastructure error. The best-by-log-probability fields rank
 * samples the way Chen et al. did (highest mean, highest sum); null when no counted sample
 * carried log-probabilities.
 */
public record TaskTally(String runId, String taskId, int n, int c, int errors,
                        Double bestMeanLogprob, boolean bestMeanPassed,
                        Double bestSumLogprob, boolean bestSumPassed) {

    public static TaskTally empty(String runId, String taskId) {
        return new TaskTally(runId, taskId, 0, 0, 0, null, false, null, false);
    }

    public TaskTally withError() {
        return new TaskTally(runId, taskId, n, c, errors + 1, bestMeanLogprob, bestMeanPassed, bestSumLogprob, bestSumPassed);
    }

    /** Counts a real verdict; when it replaces an earlier error of the same identity, that error is released. */
    public TaskTally withVerdict(SampleState s, boolean replacesError) {
        boolean pass = s.passed();
        boolean bestMean = s.meanLogprob() != null && (bestMeanLogprob == null || s.meanLogprob() > bestMeanLogprob);
        boolean bestSum = s.sumLogprob() != null && (bestSumLogprob == null || s.sumLogprob() > bestSumLogprob);
        return new TaskTally(runId, taskId, n + 1, c + (pass ? 1 : 0), errors - (replacesError ? 1 : 0),
                bestMean ? s.meanLogprob() : bestMeanLogprob, bestMean ? pass : bestMeanPassed,
                bestSum ? s.sumLogprob() : bestSumLogprob, bestSum ? pass : bestSumPassed);
    }
}
