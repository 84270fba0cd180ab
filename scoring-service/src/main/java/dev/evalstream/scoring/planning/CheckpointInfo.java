package dev.evalstream.scoring.planning;

import dev.evalstream.events.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint as the planner keeps it: what its runs need (backend and options) and what history
 * shows (step, labels, when it was published and when it first arrived: its record's timestamp),
 * with the names of the plans its family had then: the only plans it ever gets, so a delivery
 * after a plan was added does not start that plan's run.
 */
public record CheckpointInfo(String family, String checkpoint, Long step, String backend,
                             Map<String, String> backendOptions, Map<String, String> labels,
                             long publishedAtMillis, long arrivedAtMillis, List<String> plans) {

    public static CheckpointInfo of(Checkpoint c) {
        return new CheckpointInfo(c.getFamily(), c.getCheckpoint(), c.getStep(), c.getBackend(),
                new TreeMap<>(c.getBackendOptions()), new TreeMap<>(c.getLabels()),
                c.getPublishedAt() == null ? 0L : c.getPublishedAt().toEpochMilli(), 0L, List.of());
    }

    /** As first seen: at this time, with these plans. */
    public CheckpointInfo arrived(long millis, List<String> planNames) {
        return new CheckpointInfo(family, checkpoint, step, backend, backendOptions, labels, publishedAtMillis, millis,
                List.copyOf(planNames));
    }

    /** The model name of the checkpoint's runs: family/checkpoint. */
    public String model() {
        return family + "/" + checkpoint;
    }
}
