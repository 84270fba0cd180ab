package dev.evalstream.scoring.planning;

import dev.evalstream.scoring.streams.Source;

/** A planned run waiting for its dataset (catalog entry and problems) since a wall-clock time. */
public record Pending(String runId, CheckpointInfo checkpoint, PlanSpec plan, Source source, long sinceMillis,
                      String waitingFor) {
    public Pending waiting(String reason) {
        return new Pending(runId, checkpoint, plan, source, sinceMillis, reason);
    }
}
