package dev.evalstream.executor;

import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Repeats a step that failed only because the schema registry could not be reached (decoding a
 * sample, encoding its result or dead letter), with pauses doubling from 200 ms to 5 s, and stops
 * once the next pause would end more than {@code patience} after the first try; an attempt itself
 * may take the registry client's own retries (about 3 s) on top. A registry restart then costs a
 * pause, not a stopped channel, and a verdict already computed is not thrown away. Past the bound
 * the failure stands: the record is not committed and is redelivered after a restart or on
 * another instance. Retries run on a thread of their own, not the common pool: a step may block.
 */
public final class RegistryRetry {
    private static final Logger LOG = Logger.getLogger(RegistryRetry.class);
    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 5_000;

    private static final Executor RETRIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-retry");
        t.setDaemon(true);
        return t;
    });

    private final Duration patience;

    public RegistryRetry(Duration patience) {
        this.patience = patience;
    }

    public <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> step) {
        return attempt(what, step, System.nanoTime() + patience.toNanos(), FIRST_PAUSE_MS);
    }

    /** The failure itself, not the CompletionException that composed stages wrap it in. */
    public static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private <T> CompletableFuture<T> attempt(String what, Supplier<CompletableFuture<T>> step, long deadline, long pauseMs) {
        CompletableFuture<T> tried;
        try {
            tried = step.get();
        } catch (RuntimeException e) {
            tried = CompletableFuture.failedFuture(e);
        }
        return tried.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrapped(failure);
            if (!RegistryClient.RegistryException.isOutage(cause) || System.nanoTime() + pauseMs * 1_000_000 > deadline) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            LOG.warnf("registry unreachable while %s (%s); trying again in %d ms", what, cause.getMessage(), pauseMs);
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS, RETRIES))
                    .thenCompose(ignored -> attempt(what, step, deadline, Math.min(LONGEST_PAUSE_MS, pauseMs * 2)));
        }).thenCompose(f -> f);
    }
}
