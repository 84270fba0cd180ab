package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.serde.RegistryClient;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Failures that are not the record's fault and may pass: the schema registry unreachable or
 * failing on its side, or a Kafka error its client calls retriable. A handler fails the thread on
 * these (a bounded retry: the uncaught-exception handler replaces the thread a bounded number of
 * times) instead of dead-lettering a good record.
 */
final class Outages {
    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        if (RegistryClient.RegistryException.isOutage(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
