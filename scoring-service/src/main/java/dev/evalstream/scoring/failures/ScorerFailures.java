package dev.evalstream.scoring.failures;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the scorer's exception handlers did, for the readiness check: how many records each
 * handler dead-lettered, how many dead letters could not be written (the handler then failed the
 * thread rather than drop the record), and, once the stream threads have failed more often than
 * the bound allows, why the client was shut down.
 *
 * <p>Kafka Streams builds the record handlers itself (by class name), so they reach this through
 * {@link #shared()} unless a test hands them an instance under {@link #CONFIG}.
 */
public final class ScorerFailures {
    /** Streams config key under which a test may pass its own instance to the handlers. */
    public static final String CONFIG = "evalstream.scorer.failures";

    private static final ScorerFailures SHARED = new ScorerFailures();

    /** Which handler dead-lettered a record. */
    public enum Kind {
        DESERIALIZATION, PROCESSING, PRODUCTION
    }

    private final Map<Kind, AtomicLong> deadLettered = new java.util.EnumMap<>(Kind.class);
    private final AtomicLong deadLetterFailures = new AtomicLong();
    private final AtomicLong threadsReplaced = new AtomicLong();
    private final AtomicReference<String> lastDeadLetter = new AtomicReference<>();
    private final AtomicReference<String> shutdownReason = new AtomicReference<>();

    public ScorerFailures() {
        for (Kind k : Kind.values()) {
            deadLettered.put(k, new AtomicLong());
        }
    }

    /** The instance the handlers of this JVM share. */
    public static ScorerFailures shared() {
        return SHARED;
    }

    /** The instance in the handler's configs, else the shared one. */
    static ScorerFailures from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof ScorerFailures f ? f : SHARED;
    }

    void deadLettered(Kind kind, String reason) {
        deadLettered.get(kind).incrementAndGet();
        lastDeadLetter.set(kind.name().toLowerCase() + ": " + reason);
    }

    void deadLetterFailed() {
        deadLetterFailures.incrementAndGet();
    }

    void threadReplaced() {
        threadsReplaced.incrementAndGet();
    }

    void shutDown(String reason) {
        shutdownReason.compareAndSet(null, reason);
    }

    public long deadLettered(Kind kind) {
        return deadLettered.get(kind).get();
    }

    public long deadLetterFailures() {
        return deadLetterFailures.get();
    }

    public long threadsReplaced() {
        return threadsReplaced.get();
    }

    /** Why the stream threads were given up on, or null while they are not. */
    public String shutdownReason() {
        return shutdownReason.get();
    }

    /** The counters as health-check data, names in snake_case. */
    public Map<String, Object> data() {
        Map<String, Object> data = new TreeMap<>();
        for (Kind k : Kind.values()) {
            data.put("dead_letters_" + k.name().toLowerCase(), deadLettered(k));
        }
        data.put("dead_letter_write_failures", deadLetterFailures());
        data.put("stream_threads_replaced", threadsReplaced());
        String last = lastDeadLetter.get();
        if (last != null) {
            data.put("last_dead_letter", last);
        }
        return data;
    }
}
