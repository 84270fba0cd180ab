package dev.evalstream.generator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.generator.PromptDecoder;
import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryPatienceTest {
    private static RuntimeException unreachable;

    /** What the decoder throws when nothing answers on the registry's port (after the client's own retries, about 3 s). */
    @BeforeAll
    static void unreachableRegistry() {
        try {
            PromptDecoder.of(dev.evalstream.schemas.serde.AvroCodec.forValues(dev.evalstream.events.Prompt.class,
                    "http://127.0.0.1:9")).decode("evalstream.prompts", new byte[] {0, 0, 0, 0, 1, 2});
        } catch (PromptDecoder.RegistryUnavailable e) {
            unreachable = e;
        }
        assertTrue(unreachable != null && RegistryClient.RegistryException.isOutage(unreachable));
    }

    @Test
    void anOutageIsWaitedOutWithGrowingPauses() {
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        String got = new RegistryPatience(Duration.ofSeconds(10)).call("testing", () -> {
            if (calls.incrementAndGet() < 3) {
                throw unreachable;
            }
            return "decoded";
        });
        assertEquals("decoded", got);
        assertEquals(3, calls.get());
        assertTrue(System.nanoTime() - started >= 600_000_000L, "paused 200 ms, then 400 ms");
    }

    @Test
    void aBadRecordIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        PromptDecoder.InvalidPrompt bad = new PromptDecoder.InvalidPrompt("not a prompt");
        assertSame(bad, assertThrows(PromptDecoder.InvalidPrompt.class, () -> new RegistryPatience(Duration.ofSeconds(10))
                .call("testing", () -> {
                    calls.incrementAndGet();
                    throw bad;
                })));
        assertEquals(1, calls.get());
    }

    @Test
    void theWaitIsBounded() {
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        assertSame(unreachable, assertThrows(RuntimeException.class, () -> new RegistryPatience(Duration.ofMillis(1000))
                .call("testing", () -> {
                    calls.incrementAndGet();
                    throw unreachable;
                })));
        assertEquals(3, calls.get(), "at 0, 200 and 600 ms; the next pause (800 ms) would pass the 1 s bound");
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
    }
}
