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
 * @param plusOutcomes evalplus problems: one letter per sample for the plus verdict ('-' none); null
 *                     for a task without extra tests
 * @param baseFailTests the failing base inputs per sample (results --format evalplus), null when none has any
 * @param plusFailTests the same for plus inputs
 */
public record TaskSamples(String runId, String taskId, String outcomes, List<Long> positions, List<String> results,
                          String plusOutcomes, List<String> baseFailTests, List<String> plusFailTests) {
    /** Outcome letters, in the order of {@link #NAMES}. */
    static final String CODES = "PFTEL";
    static final List<String> NAMES = List.of(SampleState.PASSED, "FAILED", "TIMED_OUT", SampleState.ERROR, SampleState.LOST);

    /** The task's states, index i at position i. */
    public static TaskSamples of(String runId, String taskId, List<SampleState> states) {
        StringBuilder outcomes = new StringBuilder(states.size());
        List<Long> positions = new ArrayList<>(states.size());
        List<String> results = new ArrayList<>(states.size());
        StringBuilder plus = new StringBuilder(states.size());
        List<String> baseFails = new ArrayList<>(states.size());
        List<String> plusFails = new ArrayList<>(states.size());
        for (SampleState s : states) {
            outcomes.append(code(s.outcome(), s, taskId, runId));
            plus.append(s.plusOutcome() == null ? '-' : code(s.plusOutcome(), s, taskId, runId));
            baseFails.add(s.baseFailTests());
            plusFails.add(s.plusFailTests());
            positions.add(s.position());
            results.add(s.result() != null && s.result().equals(SampleState.defaultResult(s.outcome())) ? null : s.result());
        }
        return new TaskSamples(runId, taskId, outcomes.toString(), positions, results,
                plus.chars().allMatch(c -> c == '-') ? null : plus.toString(), orNull(baseFails), orNull(plusFails));
    }

    private static char code(String outcome, SampleState s, String taskId, String runId) {
        int code = NAMES.indexOf(outcome);
        if (code < 0) {
            throw new IllegalArgumentException("unknown outcome " + outcome + " of sample " + s.sampleIndex()
                    + " of task " + taskId + " in run " + runId);
        }
        return CODES.charAt(code);
    }

    private static List<String> orNull(List<String> values) {
        return values.stream().allMatch(v -> v == null) ? null : values;
    }

    /** The states again, as the dedupe store held them (without log-probabilities). */
    public List<SampleState> states() {
        List<SampleState> out = new ArrayList<>(outcomes.length());
        for (int i = 0; i < outcomes.length(); i++) {
            String outcome = NAMES.get(CODES.indexOf(outcomes.charAt(i)));
            String result = results.get(i) == null ? SampleState.defaultResult(outcome) : results.get(i);
            char p = plusOutcomes == null ? '-' : plusOutcomes.charAt(i);
            out.add(new SampleState(runId, taskId, i, positions.get(i), outcome, result, null, null,
                    p == '-' ? null : NAMES.get(CODES.indexOf(p)),
                    baseFailTests == null ? null : baseFailTests.get(i), plusFailTests == null ? null : plusFailTests.get(i)));
        }
        return out;
    }
}
