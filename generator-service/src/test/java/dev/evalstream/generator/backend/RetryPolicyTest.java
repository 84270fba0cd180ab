package dev.evalstream.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1));
        for (int trial = 0; trial < 200; trial++) {
            for (int r = 1; r <= 9; r++) {
                long cap = Math.min(2000, 100L << (r - 1));
                long d = p.delay(r, null).toMillis();
                assertTrue(d >= cap / 2 && d <= cap, "retry " + r + " waited " + d + " ms, cap " + cap);
            }
        }
    }

    @Test
    void jitterActuallyVaries() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(1000), Duration.ofSeconds(10), new Random(7));
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> p.delay(3, null).toMillis())
                .distinct().count();
        assertTrue(distinct > 10, "only " + distinct + " distinct delays");
    }

    @Test
    void retryAfterIsHonouredButBounded() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5), new Random(1));
        assertEquals(3000, p.delay(1, Duration.ofSeconds(3)).toMillis());
        assertEquals(5000, p.delay(1, Duration.ofSeconds(600)).toMillis());
    }

    @Test
    void atLeastOneAttempt() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, new Random()));
    }
}
