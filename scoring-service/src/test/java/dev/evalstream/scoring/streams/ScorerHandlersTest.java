package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.schemas.Topics;
import dev.evalstream.scoring.failures.RecordingSink;
import dev.evalstream.scoring.failures.ScorerFailures;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** The scorer's real topology with its exception handlers, as application.properties registers them. */
class ScorerHandlersTest {
    private final RecordingSink sink = new RecordingSink();
    private final ScorerFailures failures = new ScorerFailures();

    /** A listener that throws on one run: a processor of the real topology failing on one record. */
    private static final ScoreListener HOSTILE = (runId, score) -> {
        if (runId.equals("bad")) {
            throw new IllegalStateException("listener cannot take run " + runId);
        }
    };

    @Test
    void aProcessorThatThrowsGivesADeadLetterSayingWhereAndWhyAndTheNextRecordsAreStillScored() throws Exception {
        try (ScorerFixture f = new ScorerFixture(sink.handlers(failures), HOSTILE, BoundedSerializer.DEFAULT_MAX_BYTES)) {
            f.run("bad", 1, List.of(1), List.of("T/0"));
            f.run("good", 2, List.of(1), List.of("T/0"));
            f.result("good", "T/0", 0, Outcome.PASSED);
            f.result("good", "T/0", 1, Outcome.FAILED);

            assertEquals(1, sink.letters.size(), "one dead letter, for the run the listener refused");
            DeadLetter d = sink.letters.get(0);
            assertEquals(Topics.RUNS, d.getSourceTopic());
            assertEquals(0L, d.getSourceOffset());
            assertEquals("bad", sink.keys.get(0));
            assertTrue(d.getReason().contains("notify-listeners")
                    && d.getReason().contains("IllegalStateException listener cannot take run bad"), d.getReason());
            assertEquals(1, failures.deadLettered(ScorerFailures.Kind.PROCESSING));

            assertEquals(2, f.task("good", "T/0").n(), "records after the failure are still processed");
            assertNotNull(f.latestSnapshots().get("good"));
        }
    }

    @Test
    void withoutTheHandlerTheSameProcessorFailureStopsTheTopology() throws Exception {
        try (ScorerFixture f = new ScorerFixture(new Properties(), HOSTILE, BoundedSerializer.DEFAULT_MAX_BYTES)) {
            assertThrows(StreamsException.class, () -> f.run("bad", 1, List.of(1), List.of("T/0")));
        }
    }

    @Test
    void anOutputOverTheSizeLimitIsDeadLetteredAtSerializationAndTheStreamGoesOn() throws Exception {
        try (ScorerFixture f = new ScorerFixture(sink.handlers(failures), null, 16)) {
            f.run("r1", 1, List.of(1), List.of("T/0", "T/1"));
            f.result("r1", "T/0", 0, Outcome.PASSED);
            f.result("r1", "T/1", 0, Outcome.FAILED);

            assertTrue(f.scores.isEmpty(), "no snapshot fits in 16 bytes");
            assertEquals(3, sink.letters.size(), "each snapshot of r1 (run, two tallies) is a dead letter");
            DeadLetter d = sink.letters.get(2);
            assertEquals("r1", sink.keys.get(2));
            assertTrue(d.getReason().contains("could not serialize the value of an output record to " + Topics.SCORES)
                    && d.getReason().contains("over the scorer's output limit of 16 bytes"), d.getReason());
            assertEquals(2, f.task("r1", "T/0").n() + f.task("r1", "T/1").n(), "scoring went on");
            assertEquals(3, failures.deadLettered(ScorerFailures.Kind.PRODUCTION));
        }
    }
}
