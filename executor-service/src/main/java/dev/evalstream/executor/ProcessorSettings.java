package dev.evalstream.executor;

import java.time.Duration;

/**
 * What the sample processor needs to know, independent of how it is configured.
 *
 * @param instanceId         names this executor in every result
 * @param maxCompletionBytes completions longer than this (UTF-8) are scored failed, never run
 * @param maxInFlight        samples accepted but not yet acknowledged downstream (backpressure)
 * @param catalogWait        how long an unknown task waits for the problem catalog to catch up
 * @param registryPatience   how long decoding a sample or publishing its result is retried while the
 *                           schema registry cannot be reached
 */
public record ProcessorSettings(String instanceId, int maxCompletionBytes, int maxInFlight,
                                Duration catalogWait, Duration registryPatience) {
    public ProcessorSettings {
        if (maxCompletionBytes < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("limits must be positive: completion bytes " + maxCompletionBytes
                    + ", in flight " + maxInFlight);
        }
    }

    /** Samples in flight unless configured: 8 a slot, at least 16 (slots stay busy while results are published). */
    public static int defaultInFlight(int slots) {
        return Math.max(16, 8 * slots);
    }
}
