package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** One task of a run as the scorer lists it (GET /runs/{id}/tasks). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskView(String taskId, int n, int c, int errors, int samplesLost, Map<String, Double> passAtK) {
}
