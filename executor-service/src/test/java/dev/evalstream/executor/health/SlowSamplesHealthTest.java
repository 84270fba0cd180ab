package dev.evalstream.executor.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.executor.InFlight;
import dev.evalstream.executor.SampleRecord;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** A sample past the slow-after bound makes the executor not ready, naming it; nothing else does. */
class SlowSamplesHealthTest {
    private final SlowSamplesHealth health = new SlowSamplesHealth();
    private final SampleRecord record = new SampleRecord(dev.evalstream.schemas.Topics.SAMPLES, 2, 41L, null, new byte[0]);

    @Test
    void readyWithNothingInFlightOrWithinTheBound() {
        assertEquals(HealthCheckResponse.Status.UP, health.check(Optional.empty(), Duration.ofSeconds(10)).getStatus());
        HealthCheckResponse within = health.check(Optional.of(new InFlight.Oldest(record, Duration.ofSeconds(10), 5)),
                Duration.ofSeconds(10));
        assertEquals(HealthCheckResponse.Status.UP, within.getStatus());
        assertEquals(5L, within.getData().orElseThrow().get("in_flight"));
    }

    @Test
    void notReadyPastTheBoundNamingTheSample() {
        HealthCheckResponse past = health.check(Optional.of(new InFlight.Oldest(record, Duration.ofSeconds(11), 1)),
                Duration.ofSeconds(10));
        assertEquals(HealthCheckResponse.Status.DOWN, past.getStatus());
        assertEquals(dev.evalstream.schemas.Topics.SAMPLES + "-2@41", past.getData().orElseThrow().get("oldest"));
        assertEquals(11L, past.getData().orElseThrow().get("oldest_s"));
    }
}
