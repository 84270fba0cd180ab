package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.DeadLetters;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A handler's one way to take a record out of the stream: build the dead letter (bounded by
 * {@link DeadLetters#of}), write it, log it and count it. Says whether it was written, so the
 * handler fails the thread rather than drop a record it could not dead-letter.
 */
final class DeadLettering {
    private static final Logger LOG = Logger.getLogger(DeadLettering.class);

    private final ScorerFailures.Kind kind;
    private DeadLetterSink sink;
    private ScorerFailures failures;

    DeadLettering(ScorerFailures.Kind kind) {
        this.kind = kind;
    }

    void configure(Map<String, ?> configs) {
        sink = DeadLetterSink.from(configs);
        failures = ScorerFailures.from(configs);
    }

    /** @return whether the dead letter was written */
    boolean send(String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        try {
            sink.send(key, DeadLetters.of(DeadLetters.Origin.SCORER, topic, partition, offset, key, value, reason));
        } catch (RuntimeException e) {
            failures.deadLetterFailed();
            LOG.errorf(e, "Could not dead-letter %s-%d@%d (%s); failing the stream thread instead of dropping it",
                    topic, partition, offset, reason);
            return false;
        }
        failures.deadLettered(kind, reason);
        LOG.warnf("Dead-lettered %s-%d@%d (%s bytes): %s", topic, partition, offset,
                value == null ? "null" : Integer.toString(value.length), reason);
        return true;
    }

    ScorerFailures failures() {
        return failures;
    }
}
