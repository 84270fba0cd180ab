package dev.evalstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Both ways of waiting, blocking and asynchronous, held to the same rules. */
class RegistryPatienceTest {
    private static final RuntimeException DOWN = new RuntimeException("decoding failed",
            new RegistryClient.RegistryException("registry unreachable")); // status -1 in the causes: an outage
    private static final RuntimeException UNKNOWN_SCHEMA = new RegistryClient.RegistryException("schema 7 not found", 404);

    /** A step failing with {@code failure} on its first n calls, then answering "done", run one way or the other. */
    private static IntFunction<String> step(boolean async, RegistryPatience patience, RuntimeException failure,
                                            AtomicInteger calls) {
        if (!async) {
            return n -> patience.call("testing", () -> {
                if (calls.incrementAndGet() <= n) {
                    throw failure;
                }
                return "done";
            });
        }
        return n -> {
            try {
                return patience.callAsync("testing", () -> calls.incrementAndGet() <= n
                        ? CompletableFuture.<String>failedFuture(failure)
                        : CompletableFuture.completedFuture("done")).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw (RuntimeException) RegistryPatience.unwrapped(e.getCause());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void anOutageIsWaitedOutWithGrowingPauses() {
        for (boolean async : new boolean[] {false, true}) {
            AtomicInteger calls = new AtomicInteger();
            long started = System.nanoTime();
            assertEquals("done", step(async, new RegistryPatience(Duration.ofSeconds(10)), DOWN, calls).apply(2));
            assertEquals(3, calls.get());
            assertTrue(System.nanoTime() - started >= 600_000_000L, "paused 200 ms, then 400 ms");
        }
    }

    @Test
    void aSchemaTheRegistryDoesNotHaveIsNotRetried() {
        for (boolean async : new boolean[] {false, true}) {
            AtomicInteger calls = new AtomicInteger();
            IntFunction<String> step = step(async, new RegistryPatience(Duration.ofSeconds(10)), UNKNOWN_SCHEMA, calls);
            assertSame(UNKNOWN_SCHEMA, assertThrows(RuntimeException.class, () -> step.apply(5)));
            assertEquals(1, calls.get());
        }
    }

    @Test
    void theWaitIsBounded() {
        for (boolean async : new boolean[] {false, true}) {
            AtomicInteger calls = new AtomicInteger();
            IntFunction<String> step = step(async, new RegistryPatience(Duration.ofMillis(1000)), DOWN, calls);
            long started = System.nanoTime();
            assertSame(DOWN, assertThrows(RuntimeException.class, () -> step.apply(100)));
            assertEquals(3, calls.get(), "at 0, 200 and 600 ms; the next pause (800 ms) would pass the 1 s bound");
            assertTrue(System.nanoTime() - started < 1_000_000_000L);
        }
    }
}
