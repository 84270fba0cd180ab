package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Run B against run A as the scorer answers GET /compare?a=A&b=B: pass@k of both with the paired
 * difference at each k both report, each task's c/n in both runs, the tasks that rose and fell.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompareView(String a, String b, int tasksCompared, Map<String, Difference> passAtK, List<TaskChange> tasks,
                          List<String> tasksImproved, List<String> tasksRegressed, boolean aComplete, boolean bComplete,
                          String dataset, double confidence) {
    public CompareView {
        passAtK = passAtK == null ? Map.of() : passAtK;
        tasks = tasks == null ? List.of() : tasks;
        tasksImproved = tasksImproved == null ? List.of() : tasksImproved;
        tasksRegressed = tasksRegressed == null ? List.of() : tasksRegressed;
    }

    /** delta = b - a; the interval and p-value are null where there is no test (fewer than 2 tasks). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Difference(double a, double b, double delta, Double ciLow, Double ciHigh, Double pValue, int tasks) {
    }

    /** One task's pass@1 estimate c/n in each run, and the counts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskChange(String taskId, double a, double b, int aC, int aN, int bC, int bN) {
    }
}
