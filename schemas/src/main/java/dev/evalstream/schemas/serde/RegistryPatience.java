package dev.evalstream.schemas.serde;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Repeats a step that failed only because the schema registry could not be reached
 * ({@link RegistryClient.RegistryException#isOutage}), pausing 200 ms, then twice as long each
 * time up to 5 s, and stops once the next pause would end more than {@code patience} after the
 * first try (an attempt itself may add the registry client's own retries, about 3 s). A registry
 * restart then costs a pause instead of a stopped consumer, and work already done (a verdict, a
 * generation) is kept. Any other failure, and an outage past the bound, stands as it is.
 */
public final class RegistryPatience {
    private static final System.Logger LOG = System.getLogger(RegistryPatience.class.getName());
    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 5_000;
    // asynchronous retries run here, not on the common pool: a step may block (registry HTTP, producer metadata)
    private static final Executor RETRIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-patience");
        t.setDaemon(true);
        return t;
    });

    private final Duration patience;

    public RegistryPatience(Duration patience) {
        this.patience = patience;
    }

    /** Blocking: for a caller on a worker thread that has nothing else to do meanwhile. */
    public <T> T call(String what, Supplier<T> step) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (long pause = FIRST_PAUSE_MS; ; pause = next(pause)) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!worthAnotherTry(e, deadline, pause, what)) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Asynchronous: the pauses hold no thread. A step that throws counts as one that failed. */
    public <T> CompletableFuture<T> callAsync(String what, Supplier<CompletableFuture<T>> step) {
        return attempt(what, step, System.nanoTime() + patience.toNanos(), FIRST_PAUSE_MS);
    }

    /** The failure itself, not the CompletionException that composed stages wrap it in. */
    public static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private <T> CompletableFuture<T> attempt(String what, Supplier<CompletableFuture<T>> step, long deadline, long pause) {
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
            if (!worthAnotherTry(cause, deadline, pause, what)) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, RETRIES))
                    .thenCompose(ignored -> attempt(what, step, deadline, next(pause)));
        }).thenCompose(f -> f);
    }

    private static boolean worthAnotherTry(Throwable failure, long deadline, long pauseMs, String what) {
        if (!RegistryClient.RegistryException.isOutage(failure) || System.nanoTime() + pauseMs * 1_000_000 > deadline) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "registry unreachable while {0} ({1}); trying again in {2} ms", what,
                failure.getMessage(), pauseMs);
        return true;
    }

    private static long next(long pauseMs) {
        return Math.min(LONGEST_PAUSE_MS, pauseMs * 2);
    }
}
