package dev.evalstream.scoring.rest;

import java.util.List;
import java.util.Map;

/**
 * A family's history as GET /families/{family}/history answers it (evalctl history --json):
 * every checkpoint in step order, then arrival, each with the runs its plans started.
 */
public record HistoryView(String family, List<CheckpointView> checkpoints) {

    /** One checkpoint: its step (null when it has none), labels, and its runs by plan name. */
    public record CheckpointView(String checkpoint, Long step, Map<String, String> labels, long publishedAt,
                                 List<PlannedRunView> runs) {
    }

    /** One planned run's figures: pass@k and its standard error with the tasks and samples behind them. */
    public record PlannedRunView(String runId, String plan, String dataset, int n, boolean complete, int tasksTotal,
                                 int tasksScored, long samplesTotal, long samplesScored, long samplesLost,
                                 Map<String, Double> passAtK, Map<String, Double> standardError) {
    }
}
