package dev.evalstream.generator.messaging;

import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Repeats a step that failed only because the schema registry could not be reached (decoding a
 * prompt), pausing 200 ms doubling to 5 s, and stops once the next pause would end more than
 * {@code patience} after the first try; an attempt itself may take the registry client's own
 * retries (about 3 s) on top. Then the failure stands and the prompt is left uncommitted.
 * Blocking: it runs on a generation worker, which has nothing else to do meanwhile.
 */
final class RegistryPatience {
    private static final Logger LOG = Logger.getLogger(RegistryPatience.class);
    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 5_000;

    private final Duration patience;

    RegistryPatience(Duration patience) {
        this.patience = patience;
    }

    <T> T call(String what, Supplier<T> step) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (long pause = FIRST_PAUSE_MS; ; pause = Math.min(LONGEST_PAUSE_MS, pause * 2)) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!RegistryClient.RegistryException.isOutage(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warnf("registry unreachable while %s (%s); trying again in %d ms", what, e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
