package dev.evalstream.schemas;

/**
 * Record keys. Samples are keyed by their identity so load spreads over partitions; results
 * are keyed by (run, task) so each task's tally is computed where its results meet, without
 * a repartition. Run ids never contain the separator; task ids may, so parsing splits on the
 * first separator (and the last, for sample identities).
 */
public final class Keys {
    public static final char SEP = '|';

    private Keys() {
    }

    public static String problem(String dataset, String taskId) {
        return dataset + SEP + taskId;
    }

    public static String task(String runId, String taskId) {
        return runId + SEP + taskId;
    }

    public static String sample(String runId, String taskId, int sampleIndex) {
        return task(runId, taskId) + SEP + sampleIndex;
    }

    public static String prompt(String runId, String taskId, int sampleStart) {
        return sample(runId, taskId, sampleStart);
    }

    /** The run id of a task or sample key. */
    public static String runOf(String key) {
        int i = key.indexOf(SEP);
        if (i < 0) {
            throw new IllegalArgumentException("not a task or sample key: " + key);
        }
        return key.substring(0, i);
    }

    /** The task id of a task key (run|task). */
    public static String taskOfTaskKey(String key) {
        return key.substring(runOf(key).length() + 1);
    }
}
