package dev.evalstream.scoring.planning;

import dev.evalstream.events.Checkpoint;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint as the planner keeps it: what its runs need (backend and options) and what history
 * shows (step, labels, when it was published and when the planner first saw it).
 */
public record CheckpointInfo(String family, String checkpoint, Long step, String backend,
                             Map<String, String> backendOptions, Map<String, String> labels,
                             long publishedAtMillis, long arrivedAtMillis) {

    public static CheckpointInfo of(Checkpoint c, long arrivedAtMillis) {
        return new CheckpointInfo(c.getFamily(), c.getCheckpoint(), c.getStep(), c.getBackend(),
                new TreeMap<>(c.getBackendOptions()), new TreeMap<>(c.getLabels()),
                c.getPublishedAt() == null ? 0L : c.getPublishedAt().toEpochMilli(), arrivedAtMillis);
    }

    public CheckpointInfo arrivedAt(long millis) {
        return new CheckpointInfo(family, checkpoint, step, backend, backendOptions, labels, publishedAtMillis, millis);
    }

    /** The model name of the checkpoint's runs: family/checkpoint. */
    public String model() {
        return family + "/" + checkpoint;
    }
}
