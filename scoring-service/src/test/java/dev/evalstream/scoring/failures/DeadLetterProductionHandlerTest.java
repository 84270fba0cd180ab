package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.Topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {
    private final RecordingSink sink = new RecordingSink();
    private final ScorerFailures failures = new ScorerFailures();
    private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
    /** The input being processed when the output failed: runs, partition 2, offset 41. */
    private final ErrorHandlerContext context = new DefaultErrorHandlerContext(null, Topics.RUNS, 2, 41L,
            new RecordHeaders(), "scores-out", new TaskId(1, 2), 0L, null, null);

    @BeforeEach
    void configure() {
        handler.configure(sink.configs(failures));
    }

    @Test
    void aRecordTooLargeForTheBrokerIsDeadLetteredWithItsKeyAPrefixAndTheReasonAndTheStreamGoesOn() {
        byte[] value = new byte[2 << 20];
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.SCORES, "run-1".getBytes(StandardCharsets.UTF_8), value);

        ProductionExceptionHandlerResponse answer = handler.handle(context, out,
                new RecordTooLargeException("The message is 2097250 bytes when serialized which is larger than 1048576"));

        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, answer);
        assertEquals(1, sink.letters.size());
        DeadLetter d = sink.letters.get(0);
        assertEquals("run-1", sink.keys.get(0));
        assertEquals(Topics.RUNS, d.getSourceTopic());
        assertEquals(2, d.getSourcePartition());
        assertEquals(41L, d.getSourceOffset());
        assertEquals(DeadLetters.PREFIX_BYTES, d.getValue().remaining(), "a prefix, not the whole record");
        assertEquals(value.length, d.getValueSize());
        assertTrue(d.getReason().contains(Topics.SCORES) && d.getReason().contains("RecordTooLargeException"),
                d.getReason());
        assertEquals("scoring-service", d.getService());
        assertEquals(1, failures.deadLettered(ScorerFailures.Kind.PRODUCTION));
    }

    @Test
    void aRetriableFailureFailsTheThreadForARetryAndIsNotDeadLettered() {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.SCORES, new byte[1], new byte[1]);
        assertEquals(ProductionExceptionHandlerResponse.FAIL,
                handler.handle(context, out, new NotEnoughReplicasException("2 of 3 in sync")));
        assertTrue(sink.letters.isEmpty());
    }

    @Test
    void anOutputTheSerializerRefusesIsDeadLetteredBeforeTheSend() {
        ProducerRecord<String, String> out = new ProducerRecord<>(Topics.SCORES, "run-2", "a huge snapshot");
        ProductionExceptionHandlerResponse answer = handler.handleSerializationException(context, out,
                new RecordTooLargeException("a record of 1200000 bytes is over the limit"), SerializationExceptionOrigin.VALUE);

        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, answer);
        DeadLetter d = sink.letters.get(0);
        assertEquals("run-2", sink.keys.get(0));
        assertEquals("a huge snapshot", StandardCharsets.UTF_8.decode(d.getValue()).toString());
        assertTrue(d.getReason().startsWith("could not serialize the value of an output record to " + Topics.SCORES),
                d.getReason());
    }

    @Test
    void whenTheDeadLetterCannotBeWrittenTheRecordIsNotDroppedButTheThreadFails() {
        sink.failing = true;
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.SCORES, new byte[1], new byte[1]);
        assertEquals(ProductionExceptionHandlerResponse.FAIL,
                handler.handle(context, out, new RecordTooLargeException("too large")));
        assertEquals(0, failures.deadLettered(ScorerFailures.Kind.PRODUCTION));
        assertEquals(1, failures.deadLetterFailures());
    }
}
