package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A model family's history as the scorer answers GET /families/{family}/history: its
 * checkpoints in step order (then arrival), each with the runs its plans started.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryView(String family, List<CheckpointRuns> checkpoints) {
    public HistoryView {
        checkpoints = checkpoints == null ? List.of() : checkpoints;
    }

    /** One checkpoint; step is null when the training job gave none. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CheckpointRuns(String checkpoint, Long step, List<PlannedRun> runs) {
        public CheckpointRuns {
            runs = runs == null ? List.of() : runs;
        }
    }

    /** One planned run's figures; pass_at_k and standard_error keyed by k. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedRun(String runId, String plan, boolean complete, int tasksScored, long samplesScored,
                             Map<String, Double> passAtK, Map<String, Double> standardError) {
        public PlannedRun {
            passAtK = passAtK == null ? Map.of() : passAtK;
            standardError = standardError == null ? Map.of() : standardError;
        }
    }
}
