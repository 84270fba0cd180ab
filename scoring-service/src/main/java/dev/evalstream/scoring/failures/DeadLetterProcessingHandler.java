package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An exception thrown by any processor of the topology (KIP-1033) takes the record that caused it
 * out of the stream as a dead letter naming the processor, the task and the reason, and the
 * stream goes on with the next record. The dead letter carries the raw input record that led
 * there (Kafka Streams keeps its bytes), else the processor's key and value as text.
 *
 * <p>Kafka Streams hands this only Exceptions: an Error (OutOfMemoryError, StackOverflowError)
 * still ends the thread, for the uncaught-exception handler. Outages (registry down, retriable
 * Kafka errors) and dead letters that cannot be written fail the thread too: bounded retry.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private final DeadLettering deadLetters = new DeadLettering(ScorerFailures.Kind.PROCESSING);

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters.configure(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (Outages.isOutage(exception)) {
            return ProcessingHandlerResponse.FAIL;
        }
        byte[] key = context.sourceRawKey() != null ? context.sourceRawKey() : text(record.key());
        byte[] value = context.sourceRawValue() != null ? context.sourceRawValue() : text(record.value());
        String reason = "processing failed in processor " + context.processorNodeId() + " (task " + context.taskId()
                + "): " + DeadLetters.reason(exception);
        return deadLetters.send(context.topic() == null ? "unknown" : context.topic(), context.partition(),
                context.offset(), key, value, reason)
                ? ProcessingHandlerResponse.CONTINUE
                : ProcessingHandlerResponse.FAIL;
    }

    private static byte[] text(Object o) {
        return o == null ? null : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
    }
}
