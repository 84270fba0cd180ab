package dev.evalstream.scoring.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class BoundedThreadReplacementTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ScorerFailures failures = new ScorerFailures();
    private final BoundedThreadReplacement handler =
            new BoundedThreadReplacement(3, Duration.ofMinutes(10), clock, failures);
    private final FailuresReadiness readiness = new FailuresReadiness(failures);

    private static Throwable poison() {
        return new StreamsException("Exception caught in process", new OutOfMemoryError("Java heap space"));
    }

    @Test
    void replacesTheThreadThreeTimesThenShutsTheClientDownAndReadinessSaysWhy() {
        for (int i = 0; i < 3; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, handler.handle(poison()));
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
            now = now.plusSeconds(30);
        }
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, handler.handle(poison()));

        HealthCheckResponse answer = readiness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        Map<String, Object> data = answer.getData().orElseThrow();
        String why = (String) data.get("shut_down_because");
        assertTrue(why.contains("4 times within PT10M") && why.contains("OutOfMemoryError Java heap space"), why);
        assertEquals(3L, data.get("stream_threads_replaced"));
    }

    @Test
    void failuresFurtherApartThanTheWindowKeepBeingReplaced() {
        for (int i = 0; i < 10; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, handler.handle(poison()), "failure " + i);
            now = now.plus(Duration.ofMinutes(4));
        }
        assertNull(failures.shutdownReason());
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }
}
