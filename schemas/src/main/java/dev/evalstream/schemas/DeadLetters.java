package dev.evalstream.schemas;

import dev.evalstream.events.DeadLetter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.time.Instant;

/** Builds dead letters the same way in every service. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** The service a dead letter came from, spelled once: as its module is named. */
    public enum Origin {
        GENERATOR("generator-service"),
        EXECUTOR("executor-service"),
        SCORER("scoring-service");

        private final String service;

        Origin(String service) {
            this.service = service;
        }

        /** The value of the dead letter's service field. */
        public String service() {
            return service;
        }
    }

    /** The most of an input's key or value a dead letter carries, and the longest reason. */
    public static final int PREFIX_BYTES = 64 << 10;
    public static final int REASON_CHARS = 4096;

    /**
     * The samples of a run that a dead-lettered input stood for, so the scorer counts them lost
     * instead of letting the task's n shrink: one sample (its index), or a prompt's range
     * [start, end); end -1 when only the start is known (an undecodable prompt's key): through the
     * task's last sample.
     */
    public record Lost(String runId, String taskId, int start, int end) {
        public static Lost sample(String runId, String taskId, int index) {
            return new Lost(runId, taskId, index, index + 1);
        }

        /** What a record's key says was lost when its value cannot be read: a sample, or a prompt's range from its start. */
        public static java.util.Optional<Lost> ofKey(String key, boolean prompt) {
            return Keys.parseSample(key).map(k -> new Lost(k.runId(), k.taskId(), k.sampleIndex(),
                    prompt ? -1 : k.sampleIndex() + 1));
        }
    }

    /** A dead letter for an input that stood for samples of a run: they are counted lost. */
    public static DeadLetter of(Origin origin, String topic, int partition, long offset,
                                byte[] key, byte[] value, String reason, Lost lost) {
        DeadLetter letter = of(origin, topic, partition, offset, key, value, reason);
        if (lost != null) {
            letter.setRunId(lost.runId());
            letter.setTaskId(lost.taskId());
            letter.setSampleStart(lost.start());
            letter.setSampleEnd(lost.end());
        }
        return letter;
    }

    /** What a dead letter says was lost, or empty when it stood for no samples of a run. */
    public static java.util.Optional<Lost> lost(DeadLetter letter) {
        if (letter.getRunId() == null || letter.getTaskId() == null || letter.getSampleStart() < 0
                || (letter.getSampleEnd() != -1 && letter.getSampleEnd() <= letter.getSampleStart())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Lost(letter.getRunId(), letter.getTaskId(), letter.getSampleStart(),
                letter.getSampleEnd()));
    }

    /**
     * A dead letter for this input. It carries at most the first {@link #PREFIX_BYTES} of the key and
     * the value, with the value's size and SHA-256: a copy of a whole input near Kafka's record limit
     * (1 MiB by default) plus its reason would be over the limit itself, and could not be sent.
     */
    public static DeadLetter of(Origin origin, String topic, int partition, long offset,
                                byte[] key, byte[] value, String reason) {
        String why = reason == null ? "unknown" : reason;
        return DeadLetter.newBuilder()
                .setService(origin.service())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(prefix(key))
                .setValue(prefix(value))
                .setValueSize(value == null ? -1 : value.length)
                .setValueSha256(value == null ? "" : sha256(value))
                .setReason(why.length() > REASON_CHARS ? why.substring(0, REASON_CHARS) : why)
                .setAt(Instant.now())
                .build();
    }

    private static ByteBuffer prefix(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.length <= PREFIX_BYTES ? bytes : Arrays.copyOf(bytes, PREFIX_BYTES));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The reason text of an exception, with its causes, short enough for a record. */
    public static String reason(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(" ").append(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.length() > 2000 ? sb.substring(0, 2000) : sb.toString();
    }
}
