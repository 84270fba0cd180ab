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

    /** A sample identity, or the first index of a prompt's range, as read back from a key. */
    public record SampleKey(String runId, String taskId, int sampleIndex) {
    }

    /**
     * Reads a sample key (run|task|index; a prompt's key has its first index there), or empty
     * when the key is not one: a dead letter's key is whatever the bad record carried.
     */
    public static java.util.Optional<SampleKey> parseSample(String key) {
        if (key == null) {
            return java.util.Optional.empty();
        }
        int first = key.indexOf(SEP);
        int last = key.lastIndexOf(SEP);
        int digits = key.length() - last - 1;
        if (first <= 0 || last <= first + 1 || digits < 1 || digits > 10) {
            return java.util.Optional.empty();
        }
        String index = key.substring(last + 1);
        for (int i = 0; i < index.length(); i++) {
            if (index.charAt(i) < '0' || index.charAt(i) > '9') {
                return java.util.Optional.empty();
            }
        }
        long value = Long.parseLong(index);
        return value > Integer.MAX_VALUE ? java.util.Optional.empty()
                : java.util.Optional.of(new SampleKey(key.substring(0, first), key.substring(first + 1, last), (int) value));
    }

    /** The task id of a task key (run|task). */
    public static String taskOfTaskKey(String key) {
        return key.substring(runOf(key).length() + 1);
    }
}
