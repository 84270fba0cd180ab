package dev.evalstream.scoring.alerts;

import dev.evalstream.events.Alert;
import java.util.List;

/**
 * An alert as readers get it (GET /alerts, the webhook's body; snake_case JSON, as evalctl
 * alerts --json prints it): value, baseline_value and delta are pass@k at k, p_value the
 * one-sided p of a drop, at the epoch milliseconds when it was judged. Also the value of the
 * global alerts store.
 */
public record AlertView(String family, String plan, String checkpoint, String baseline, String runId,
                        String baselineRunId, int k, double value, double baselineValue, double delta, double pValue,
                        List<String> tasksRegressed, long at) {

    public static AlertView of(Alert a) {
        return new AlertView(a.getFamily(), a.getPlan(), a.getCheckpoint(), a.getBaseline(), a.getRunId(),
                a.getBaselineRunId(), a.getK(), a.getValue(), a.getBaselineValue(), a.getDelta(), a.getPValue(),
                List.copyOf(a.getTasksRegressed()), a.getAt() == null ? 0L : a.getAt().toEpochMilli());
    }

    /** The alerts of one family (all when family is null), in time order. */
    public static List<AlertView> inTimeOrder(List<AlertView> alerts, String family) {
        return alerts.stream().filter(a -> family == null || family.equals(a.family()))
                .sorted(java.util.Comparator.comparingLong(AlertView::at).thenComparing(AlertView::family)
                        .thenComparing(AlertView::plan).thenComparing(AlertView::checkpoint))
                .toList();
    }

    /** The alert's key: family|plan|checkpoint. */
    public static String keyOf(Alert a) {
        return Judge.checkpointKey(a.getFamily(), a.getPlan(), a.getCheckpoint());
    }
}
