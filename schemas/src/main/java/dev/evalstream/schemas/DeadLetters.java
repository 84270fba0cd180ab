package dev.evalstream.schemas;

import dev.evalstream.events.DeadLetter;
import java.nio.ByteBuffer;
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

    public static DeadLetter of(Origin origin, String topic, int partition, long offset,
                                byte[] key, byte[] value, String reason) {
        return DeadLetter.newBuilder()
                .setService(origin.service())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason == null ? "unknown" : reason)
                .setAt(Instant.now())
                .build();
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
