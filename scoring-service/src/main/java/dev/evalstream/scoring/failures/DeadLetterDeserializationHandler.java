package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.DeadLetters;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record Kafka Streams cannot deserialize (the inputs are String keys and raw bytes, so this
 * is mostly the JSON of the internal repartition and changelog topics) becomes a dead letter with
 * its raw bytes and the reason, and the stream goes on; if the dead letter cannot be written,
 * or the failure is an outage rather than the record's fault, the thread fails (bounded retry).
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private final DeadLettering deadLetters = new DeadLettering(ScorerFailures.Kind.DESERIALIZATION);

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters.configure(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        if (Outages.isOutage(exception)) {
            return DeserializationHandlerResponse.FAIL;
        }
        String reason = "undeserializable record (processor " + context.processorNodeId() + ", task "
                + context.taskId() + "): " + DeadLetters.reason(exception);
        return deadLetters.send(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason)
                ? DeserializationHandlerResponse.CONTINUE
                : DeserializationHandlerResponse.FAIL;
    }
}
