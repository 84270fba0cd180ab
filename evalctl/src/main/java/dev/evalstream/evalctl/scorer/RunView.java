package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The scorer's view of one run (GET /runs/{id}); pass_at_k keyed by k, only k <= n; plus_pass_at_k
 * (base and extra tests, evalplus's formats) the same way, null for a run without extra tests.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunView(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                      Double temperature, int tasksTotal, int tasksScored, long samplesTotal,
                      long samplesScored, long samplesErrored, long samplesLost, Map<String, Double> passAtK,
                      boolean complete, Map<String, Double> plusPassAtK) {
    public RunView {
        ks = ks == null ? List.of() : ks;
        passAtK = passAtK == null ? Map.of() : passAtK;
    }

    /** Samples with a word: a verdict counted, an error, or a dead letter that lost them. */
    public long samplesDone() {
        return samplesScored + samplesErrored + samplesLost;
    }
}
