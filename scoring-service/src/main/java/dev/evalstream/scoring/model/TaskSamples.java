package dev.evalstream.scoring.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts of a finished task (every sample index 0..n-1 counted), kept in one entry once the
 * task's per-sample dedupe entries are released: what GET /runs/{id}/samples and evalctl results
 * still need. Index i of each list is sample i. Compact: an outcome is one letter, a result text
 * equal to its outcome's default ("passed", "timed out") is null. Log-probabilities are not kept:
 * the task's tally holds the ranking they fed, and no view shows them per sample.
 *
 * @param outcomes one letter per sample: see {@link #CODES}
 */
public record TaskSamples(String runId, String taskId, String outcomes, List<Long> positions, List<String> results) {
    /** Outcome letters, in the order of {@link #NAMES}. */
    static final String CODES = "PFTEL";
    static final List<String> NAMES = List.of(SampleState.PASSED, "FAILED", "TIMED_OUT", SampleState.ERROR, SampleState.LOST);

    /** The task's states, index i at position i. */
    public static TaskSamples of(String runId, String taskId, List<SampleState> states) {
        StringBuilder outcomes = new StringBuilder(states.size());
        List<Long> positions = new ArrayList<>(states.size());
        List<String> results = new ArrayList<>(states.size());
        for (SampleState s : states) {
            int code = NAMES.indexOf(s.outcome());
            if (code < 0) {
                throw new IllegalArgumentException("unknown outcome " + s.outcome() + " of sample " + s.sampleIndex()
                        + " of task " + taskId + " in run " + runId);
            }
            outcomes.append(CODES.charAt(code));
            positions.add(s.position());
            results.add(s.result() != null && s.result().equals(SampleState.defaultResult(s.outcome())) ? null : s.result());
        }
        return new TaskSamples(runId, taskId, outcomes.toString(), positions, results);
    }

    /** The states again, as the dedupe store held them (without log-probabilities). */
    public List<SampleState> states() {
        List<SampleState> out = new ArrayList<>(outcomes.length());
        for (int i = 0; i < outcomes.length(); i++) {
            String outcome = NAMES.get(CODES.indexOf(outcomes.charAt(i)));
            String result = results.get(i) == null ? SampleState.defaultResult(outcome) : results.get(i);
            out.add(new SampleState(runId, taskId, i, positions.get(i), outcome, result, null, null));
        }
        return out;
    }
}
