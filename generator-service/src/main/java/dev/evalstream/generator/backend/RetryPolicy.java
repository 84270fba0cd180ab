package dev.evalstream.generator.backend;

import java.time.Duration;
import java.util.Random;

/**
 * Bounded retries with exponential backoff and jitter: before retry r (1-based) the caller
 * waits a random time in [cap/2, cap], cap = min(maxDelay, baseDelay * 2^(r-1)), or what the
 * server asked for in Retry-After when that is longer (still at most maxDelay). The jitter
 * keeps many generators from hammering a recovering server in lockstep.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Random random;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Random random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.random = random;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration delay(int retry, Duration retryAfter) {
        long cap = baseDelay.toMillis() << Math.min(retry - 1, 30);
        if (cap <= 0 || cap > maxDelay.toMillis()) {
            cap = maxDelay.toMillis();
        }
        long half = cap / 2;
        long ms = half + (long) (random.nextDouble() * (cap - half + 1));
        if (retryAfter != null && retryAfter.toMillis() > ms) {
            ms = Math.min(retryAfter.toMillis(), maxDelay.toMillis());
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
