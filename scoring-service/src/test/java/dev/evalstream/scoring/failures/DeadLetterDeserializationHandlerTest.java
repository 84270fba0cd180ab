package dev.evalstream.scoring.failures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {
    private final RecordingSink sink = new RecordingSink();
    private final ScorerFailures failures = new ScorerFailures();
    private final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    private final byte[] key = "r1|HumanEval/0".getBytes(StandardCharsets.UTF_8);
    private final byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    private final ConsumerRecord<byte[], byte[]> record =
            new ConsumerRecord<>("evalstream-scorer-by-task-repartition", 3, 7L, key, value);
    private final ErrorHandlerContext context = new DefaultErrorHandlerContext(null, record.topic(), 3, 7L,
            new RecordHeaders(), "by-task-repartition-source", new TaskId(2, 3), 0L, key, value);

    @BeforeEach
    void configure() {
        handler.configure(sink.configs(failures));
    }

    @Test
    void anUndeserializableRecordIsDeadLetteredWithItsBytesAndTheReasonAndTheStreamGoesOn() {
        DeserializationHandlerResponse answer = handler.handle(context, record,
                new SerializationException("Unexpected end-of-input"));

        assertEquals(DeserializationHandlerResponse.CONTINUE, answer);
        DeadLetter d = sink.letters.get(0);
        assertEquals("evalstream-scorer-by-task-repartition", d.getSourceTopic());
        assertEquals(3, d.getSourcePartition());
        assertEquals(7L, d.getSourceOffset());
        assertArrayEquals(key, bytes(d.getKey()));
        assertArrayEquals(value, bytes(d.getValue()));
        assertTrue(d.getReason().contains("SerializationException Unexpected end-of-input"), d.getReason());
        assertEquals(1, failures.deadLettered(ScorerFailures.Kind.DESERIALIZATION));
    }

    @Test
    void whenTheDeadLetterCannotBeWrittenTheThreadFails() {
        sink.failing = true;
        assertEquals(DeserializationHandlerResponse.FAIL,
                handler.handle(context, record, new SerializationException("bad")));
        assertEquals(1, failures.deadLetterFailures());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
