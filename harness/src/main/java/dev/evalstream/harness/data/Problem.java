package dev.evalstream.harness.data;

import dev.evalstream.harness.plus.PlusTests;

/**
 * One problem. The test and canonical solution are hidden from models; only executors read them.
 *
 * @param timeoutMs a calibrated per-problem limit, or null for the executor's default
 * @param format    {@link #HUMANEVAL} (the test's check(entry_point) decides) or {@link #EVALPLUS}
 *                  (inputs compared with the canonical solution's outputs: {@code plusTests})
 * @param plusTests evalplus problems only: their inputs, expected outputs and canonical times; null otherwise
 */
public record Problem(String taskId, String prompt, String entryPoint, String test,
                      String canonicalSolution, Long timeoutMs, String format, PlusTests plusTests) {
    public static final String HUMANEVAL = "humaneval";
    public static final String EVALPLUS = "evalplus";

    public Problem {
        require(taskId, "task_id");
        require(prompt, "prompt");
        require(entryPoint, "entry_point");
        require(test, "test");
        format = format == null ? HUMANEVAL : format;
        if (!format.equals(HUMANEVAL) && !format.equals(EVALPLUS)) {
            throw new IllegalArgumentException("problem format '" + format + "' is neither humaneval nor evalplus");
        }
        if (format.equals(EVALPLUS) != (plusTests != null)) {
            throw new IllegalArgumentException("an evalplus problem needs its plus tests, and only it has them");
        }
    }

    public Problem(String taskId, String prompt, String entryPoint, String test, String canonicalSolution, Long timeoutMs) {
        this(taskId, prompt, entryPoint, test, canonicalSolution, timeoutMs, HUMANEVAL, null);
    }

    public Problem(String taskId, String prompt, String entryPoint, String test, String canonicalSolution) {
        this(taskId, prompt, entryPoint, test, canonicalSolution, null);
    }

    /** The same problem with these plus tests (their expected outputs computed, say). */
    public Problem withPlusTests(PlusTests tests) {
        return new Problem(taskId, prompt, entryPoint, test, canonicalSolution, timeoutMs, EVALPLUS, tests);
    }

    public boolean isEvalPlus() {
        return plusTests != null;
    }

    private static void require(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("problem field '" + field + "' is missing");
        }
    }
}
