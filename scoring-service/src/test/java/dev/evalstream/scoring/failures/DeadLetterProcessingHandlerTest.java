package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.Topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cases the topology test (ScorerHandlersTest) does not reach. */
class DeadLetterProcessingHandlerTest {
    private final RecordingSink sink = new RecordingSink();
    private final ScorerFailures failures = new ScorerFailures();
    private final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();

    @BeforeEach
    void configure() {
        handler.configure(sink.configs(failures));
    }

    @Test
    void anOutageIsRetriedByFailingTheThreadNotDeadLettered() {
        var context = new DefaultErrorHandlerContext(null, Topics.RESULTS, 0, 9L, new RecordHeaders(),
                "run-score", new TaskId(1, 0), 0L, new byte[1], new byte[1]);
        ProcessingHandlerResponse answer = handler.handle(context, new Record<>("r1", "v", 0L),
                new IllegalStateException("store write", new TimeoutException("broker slow")));
        assertEquals(ProcessingHandlerResponse.FAIL, answer);
        assertTrue(sink.letters.isEmpty());
    }

    @Test
    void withoutTheSourceBytesTheDeadLetterCarriesTheProcessorsKeyAndValueAsText() {
        var context = new DefaultErrorHandlerContext(null, null, -1, -1L, new RecordHeaders(),
                "run-score", new TaskId(1, 0), 0L, null, null);
        assertEquals(ProcessingHandlerResponse.CONTINUE,
                handler.handle(context, new Record<>("r1", 42, 0L), new ArithmeticException("/ by zero")));
        DeadLetter d = sink.letters.get(0);
        assertEquals("unknown", d.getSourceTopic());
        assertEquals("r1", sink.keys.get(0));
        assertEquals("42", StandardCharsets.UTF_8.decode(d.getValue()).toString());
        assertTrue(d.getReason().contains("processor run-score (task 1_0): ArithmeticException / by zero"), d.getReason());
    }
}
