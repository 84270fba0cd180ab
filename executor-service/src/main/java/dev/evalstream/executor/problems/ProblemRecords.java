package dev.evalstream.executor.problems;

import dev.evalstream.events.Problem;
import dev.evalstream.executor.Outbox;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * What one record of the problems topic does to the catalog: a problem replaces the one under
 * its (dataset, task), a tombstone removes it, undecodable bytes become a dead letter.
 */
final class ProblemRecords {
    private static final Logger LOG = Logger.getLogger(ProblemRecords.class);

    private final ProblemCatalog catalog;
    private final AvroCodec<Problem> codec;
    private final Outbox outbox;

    ProblemRecords(ProblemCatalog catalog, AvroCodec<Problem> codec, Outbox outbox) {
        this.catalog = catalog;
        this.codec = codec;
        this.outbox = outbox;
    }

    /** Applies a record to the catalog; false if it must be read again because the registry is down. */
    boolean apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                catalog.remove(new String(record.key(), StandardCharsets.UTF_8));
            }
            return true;
        }
        try {
            catalog.put(codec.decode(record.topic(), record.value()));
        } catch (AvroCodec.CodecException | RegistryClient.RegistryException e) {
            if (RegistryClient.RegistryException.isOutage(e)) {
                return false;
            }
            String reason = "undecodable Problem: " + DeadLetters.reason(e);
            LOG.warnf("%s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
            outbox.deadLetter(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    DeadLetters.of(DeadLetters.Origin.EXECUTOR, record.topic(), record.partition(), record.offset(),
                            record.key(), record.value(), reason))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.errorf("dead letter for %s-%d@%d not published: %s", record.topic(),
                                    record.partition(), record.offset(), DeadLetters.reason(failure));
                        }
                    });
        }
        return true;
    }
}
