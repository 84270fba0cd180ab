package dev.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.scorer.CompareView;
import dev.evalstream.evalctl.scorer.CompareView.Difference;
import dev.evalstream.evalctl.scorer.CompareView.TaskChange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** compare: the contract's JSON object, and a table per k with a plain verdict, then the tasks that moved. */
public final class CompareTables {
    private CompareTables() {
    }

    /**
     * compare --json: a, b, tasks_compared, pass_at_k ({a, b, delta, ci_low, ci_high, p_value, tasks} per k),
     * tasks ({task_id, a, b, a_c, a_n, b_c, b_n}), tasks_improved, tasks_regressed, then a_complete,
     * b_complete, dataset and confidence.
     */
    public static ObjectNode compareJson(CompareView v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("a", v.a());
        o.put("b", v.b());
        o.put("tasks_compared", v.tasksCompared());
        ObjectNode byK = o.putObject("pass_at_k");
        for (Map.Entry<String, Difference> e : RunTables.byK(v.passAtK())) {
            Difference d = e.getValue();
            byK.putObject(e.getKey()).put("a", d.a()).put("b", d.b()).put("delta", d.delta()).put("ci_low", d.ciLow())
                    .put("ci_high", d.ciHigh()).put("p_value", d.pValue()).put("tasks", d.tasks());
        }
        ArrayNode tasks = o.putArray("tasks");
        for (TaskChange t : v.tasks()) {
            tasks.addObject().put("task_id", t.taskId()).put("a", t.a()).put("b", t.b()).put("a_c", t.aC())
                    .put("a_n", t.aN()).put("b_c", t.bC()).put("b_n", t.bN());
        }
        v.tasksImproved().forEach(o.putArray("tasks_improved")::add);
        v.tasksRegressed().forEach(o.putArray("tasks_regressed")::add);
        o.put("a_complete", v.aComplete());
        o.put("b_complete", v.bComplete());
        o.put("dataset", v.dataset());
        o.put("confidence", v.confidence());
        return o;
    }

    /**
     * A: and B: with their completeness, a line per k (both figures, the difference in percentage
     * points with its interval, the p-value, the verdict at the scorer's confidence level), then
     * the improved and regressed tasks with their c/n, largest change first.
     */
    public static String compareTable(CompareView v) {
        String nl = System.lineSeparator();
        StringBuilder s = new StringBuilder();
        s.append("A ").append(v.a()).append(v.aComplete() ? "  complete" : "  running: figures may still change").append(nl);
        s.append("B ").append(v.b()).append(v.bComplete() ? "  complete" : "  running: figures may still change").append(nl);
        s.append("dataset ").append(RunTables.shortDataset(v.dataset())).append("  ").append(v.tasksCompared())
                .append(" tasks scored in both, paired t-test over tasks").append(nl);
        String level = percent(v.confidence());
        Columns t = new Columns().row(List.of("k", "A", "B", "B - A", level + " interval", "p-value", "verdict"));
        for (Map.Entry<String, Difference> e : RunTables.byK(v.passAtK())) {
            Difference d = e.getValue();
            t.row(List.of("pass@" + e.getKey(), String.format(Locale.ROOT, "%.2f%%", 100 * d.a()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * d.b()), points(d.delta()),
                    d.ciLow() == null ? "-" : "[" + points(d.ciLow()) + ", " + points(d.ciHigh()) + "]",
                    d.pValue() == null ? "-" : p(d.pValue()), verdict(d, v.confidence())));
        }
        s.append(v.passAtK().isEmpty() ? "no k both runs report that every compared task has samples for" + nl : t.toString());
        Map<String, TaskChange> byId = v.tasks().stream().collect(Collectors.toMap(TaskChange::taskId, Function.identity()));
        s.append(moved("improved", v.tasksImproved(), byId)).append(moved("regressed", v.tasksRegressed(), byId));
        return s.toString();
    }

    /** "B worse than A (p=0.003)", "B better than A (p=...)", or "no significant difference at 95%". */
    static String verdict(Difference d, double confidence) {
        if (d.pValue() == null) {
            return "no test: fewer than 2 tasks";
        }
        if (d.pValue() < 1 - confidence && d.delta() != 0) {
            return (d.delta() < 0 ? "B worse than A" : "B better than A") + " (p=" + p(d.pValue()) + ")";
        }
        return "no significant difference at " + percent(confidence);
    }

    private static String moved(String what, List<String> ids, Map<String, TaskChange> byId) {
        String nl = System.lineSeparator();
        if (ids.isEmpty()) {
            return what + ": none" + nl;
        }
        Columns t = new Columns();
        for (String id : ids) {
            TaskChange c = byId.get(id);
            t.row(c == null ? List.of("  " + id) : List.of("  " + id, c.aC() + "/" + c.aN(), "->", c.bC() + "/" + c.bN()));
        }
        return what + " (" + ids.size() + ", c/n in A -> in B):" + nl + t;
    }

    /** A difference in percentage points, signed: "-18.75 pp". */
    private static String points(double x) {
        return String.format(Locale.ROOT, "%+.2f pp", 100 * x);
    }

    private static String p(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
    }

    private static String percent(double confidence) {
        String s = String.format(Locale.ROOT, "%.2f", 100 * confidence).replaceAll("\\.?0+$", "");
        return s + "%";
    }
}
