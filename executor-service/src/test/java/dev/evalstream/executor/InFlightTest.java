package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void theOldestIsTheEarliestAdmittedStillInFlight() {
        AtomicLong now = new AtomicLong();
        InFlight watch = new InFlight(now::get);
        SampleRecord a = new SampleRecord("t", 0, 1L, null, new byte[0]);
        SampleRecord b = new SampleRecord("t", 1, 7L, null, new byte[0]);
        long ta = watch.admitted(a);
        now.set(Duration.ofSeconds(2).toNanos());
        long tb = watch.admitted(b);
        now.set(Duration.ofSeconds(5).toNanos());
        assertEquals(new InFlight.Oldest(a, Duration.ofSeconds(5), 2), watch.oldest().orElseThrow());
        watch.done(ta);
        assertEquals(new InFlight.Oldest(b, Duration.ofSeconds(3), 1), watch.oldest().orElseThrow());
        watch.done(tb);
        assertTrue(watch.oldest().isEmpty());
    }
}
