package dev.evalstream.scoring.planning;

import java.time.Duration;

/**
 * @param chunkSize   sample indexes per Prompt event (evalctl submit's --chunk-size default: 10)
 * @param retryEvery  how often (wall clock) runs waiting for their dataset are tried again
 * @param patience    how long a run waits for its dataset before it is a dead letter
 */
public record PlannerSettings(int chunkSize, Duration retryEvery, Duration patience) {
    public static final PlannerSettings DEFAULTS = new PlannerSettings(10, Duration.ofSeconds(1), Duration.ofMinutes(10));

    public PlannerSettings {
        if (chunkSize < 1 || retryEvery.isNegative() || retryEvery.isZero() || patience.isNegative()) {
            throw new IllegalArgumentException("chunk size >= 1, retry interval > 0, patience >= 0");
        }
    }
}
