package dev.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.events.Alert;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How regression alerts are shown: a table, or the JSON array GET /alerts answers (at in epoch millis). */
public final class AlertTables {
    private static final int TASKS_SHOWN = 5;

    private AlertTables() {
    }

    /** The alerts of one family (all when family is null) in time order. */
    public static List<Alert> inTimeOrder(Collection<Alert> alerts, String family) {
        return alerts.stream().filter(a -> family == null || family.equals(a.getFamily()))
                .sorted(Comparator.comparing(Alert::getAt).thenComparing(Alert::getFamily).thenComparing(Alert::getPlan)
                        .thenComparing(Alert::getCheckpoint))
                .toList();
    }

    /** alerts --json: [{family, plan, checkpoint, baseline, run_id, baseline_run_id, k, value, baseline_value, delta, p_value, tasks_regressed, at}]. */
    public static ArrayNode alertsJson(List<Alert> alerts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Alert a : alerts) {
            ObjectNode o = array.addObject();
            o.put("family", a.getFamily());
            o.put("plan", a.getPlan());
            o.put("checkpoint", a.getCheckpoint());
            o.put("baseline", a.getBaseline());
            o.put("run_id", a.getRunId());
            o.put("baseline_run_id", a.getBaselineRunId());
            o.put("k", a.getK());
            o.put("value", a.getValue());
            o.put("baseline_value", a.getBaselineValue());
            o.put("delta", a.getDelta());
            o.put("p_value", a.getPValue());
            ArrayNode tasks = o.putArray("tasks_regressed");
            a.getTasksRegressed().forEach(tasks::add);
            o.put("at", a.getAt().toEpochMilli());
        }
        return array;
    }

    /** One line per alert: where, against what, pass@k before and after, the p-value, the tasks that fell most. */
    public static String alertsTable(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return "no alerts" + System.lineSeparator();
        }
        Columns t = new Columns().row(List.of("family", "plan", "checkpoint", "baseline", "pass@k", "delta", "p", "regressed", "at"));
        for (Alert a : alerts) {
            List<String> tasks = a.getTasksRegressed();
            String shown = String.join(",", tasks.subList(0, Math.min(TASKS_SHOWN, tasks.size())))
                    + (tasks.size() > TASKS_SHOWN ? ",… (" + tasks.size() + ")" : "");
            t.row(List.of(a.getFamily(), a.getPlan(), a.getCheckpoint(), a.getBaseline(),
                    String.format(Locale.ROOT, "pass@%d %.2f%% -> %.2f%%", a.getK(), 100 * a.getBaselineValue(), 100 * a.getValue()),
                    String.format(Locale.ROOT, "%+.2f", 100 * a.getDelta()),
                    String.format(Locale.ROOT, "%.2g", a.getPValue()), shown,
                    a.getAt().truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        return t.toString();
    }
}
