package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryRetryTest {
    private static RuntimeException down;

    /** What RegistryClient throws when nothing answers on the registry's port (after its own retries, about 3 s). */
    private static synchronized RuntimeException outage() {
        if (down == null) {
            try {
                new RegistryClient("http://127.0.0.1:9").schema(1); // discard port: nothing listens
                throw new AssertionError("the discard port answered");
            } catch (RegistryClient.RegistryException e) {
                down = e;
            }
        }
        return down;
    }

    @Test
    void anOutageIsRetriedWithGrowingPausesUntilTheStepSucceeds() throws Exception {
        RuntimeException down = outage();
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        String got = new RegistryRetry(Duration.ofSeconds(10)).call("testing", () -> calls.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(down) : CompletableFuture.completedFuture("decoded")).get(10, TimeUnit.SECONDS);
        assertEquals("decoded", got);
        assertEquals(3, calls.get());
        assertTrue(System.nanoTime() - started >= 600_000_000L, "paused 200 ms, then 400 ms");
    }

    @Test
    void whatIsNotAnOutageFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException bad = new IllegalStateException("bad bytes");
        ExecutionException e = assertThrows(ExecutionException.class, () -> new RegistryRetry(Duration.ofSeconds(10))
                .call("testing", () -> {
                    calls.incrementAndGet();
                    throw bad;
                }).get(5, TimeUnit.SECONDS));
        assertSame(bad, RegistryRetry.unwrapped(e.getCause()));
        assertEquals(1, calls.get());
    }

    @Test
    void theRetryingIsBoundedByThePatience() throws Exception {
        RuntimeException down = outage();
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> new RegistryRetry(Duration.ofMillis(1000))
                .call("testing", () -> {
                    calls.incrementAndGet();
                    return CompletableFuture.failedFuture(down);
                }).get(10, TimeUnit.SECONDS));
        assertSame(down, RegistryRetry.unwrapped(e.getCause()));
        assertEquals(3, calls.get(), "at 0, 200 and 600 ms; the next pause (800 ms) would pass the 1 s bound");
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
    }
}
