package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * An output record that cannot be serialized or written for a reason of its own (too large, a
 * value the serializer refuses) becomes a dead letter: the input that produced it (topic,
 * partition, offset), the output's key and the first 64 KiB of its value, and the reason, which
 * names the output topic. The stream goes on. Retriable failures (and registry outages) fail
 * the thread instead: a bounded retry, by the uncaught-exception handler's thread replacements,
 * after the producer's own retries (delivery.timeout.ms). Kafka Streams does not call this for
 * fatal errors (authorization, fencing): those fail the thread without it.
 *
 * <p>Under exactly_once_v2 a failed send leaves the transactional producer in an abortable state
 * whatever this answers, so the commit fails and the thread dies (bounded, and the dead letter is
 * written already). The scorer therefore refuses oversized outputs at serialization
 * ({@code BoundedSerializer}), before the send: that failure comes here as a serialization
 * exception, which leaves the transaction intact, and CONTINUE really continues.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private final DeadLettering deadLetters = new DeadLettering(ScorerFailures.Kind.PRODUCTION);

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters.configure(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (Outages.isOutage(exception)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        String reason = "could not write an output record to " + record.topic() + ": " + DeadLetters.reason(exception);
        return deadLetter(context, record.key(), record.value(), reason);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        if (Outages.isOutage(exception)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        String reason = "could not serialize the " + origin.name().toLowerCase() + " of an output record to "
                + record.topic() + ": " + DeadLetters.reason(exception);
        return deadLetter(context, text(record.key()), text(record.value()), reason);
    }

    private ProductionExceptionHandlerResponse deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                          String reason) {
        return deadLetters.send(context.topic() == null ? "unknown" : context.topic(), context.partition(),
                context.offset(), key, value, reason)
                ? ProductionExceptionHandlerResponse.CONTINUE
                : ProductionExceptionHandlerResponse.FAIL;
    }

    private static byte[] text(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof byte[] b ? b : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
    }
}
