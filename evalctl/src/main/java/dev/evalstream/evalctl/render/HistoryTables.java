package dev.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.scorer.HistoryView;
import dev.evalstream.evalctl.scorer.HistoryView.CheckpointRuns;
import dev.evalstream.evalctl.scorer.HistoryView.PlannedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** history: the contract's JSON object, and a table with one line per checkpoint and a column per plan. */
public final class HistoryTables {
    private HistoryTables() {
    }

    /** history --json: {family, checkpoints: [{checkpoint, step, runs: [{run_id, plan, complete, tasks_scored, samples_scored, pass_at_k, standard_error}]}]}. */
    public static ObjectNode historyJson(HistoryView history) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("family", history.family());
        ArrayNode checkpoints = o.putArray("checkpoints");
        for (CheckpointRuns c : history.checkpoints()) {
            ObjectNode co = checkpoints.addObject();
            co.put("checkpoint", c.checkpoint());
            if (c.step() == null) {
                co.putNull("step");
            } else {
                co.put("step", c.step());
            }
            ArrayNode runs = co.putArray("runs");
            for (PlannedRun r : c.runs()) {
                ObjectNode ro = runs.addObject();
                ro.put("run_id", r.runId());
                ro.put("plan", r.plan());
                ro.put("complete", r.complete());
                ro.put("tasks_scored", r.tasksScored());
                ro.put("samples_scored", r.samplesScored());
                byK(ro.putObject("pass_at_k"), r.passAtK());
                byK(ro.putObject("standard_error"), r.standardError());
            }
        }
        return o;
    }

    /**
     * One line per checkpoint in the scorer's order (step order, then arrival), a column per plan
     * (by name): each k's pass@k ± standard error, the tasks and samples behind them, and whether
     * the run is complete or still running; "-" where a checkpoint has no run of that plan.
     */
    public static String historyTable(HistoryView history) {
        TreeSet<String> plans = new TreeSet<>();
        history.checkpoints().forEach(c -> c.runs().forEach(r -> plans.add(r.plan())));
        List<String> header = new ArrayList<>(List.of("checkpoint", "step"));
        header.addAll(plans);
        Columns t = new Columns().row(header);
        for (CheckpointRuns c : history.checkpoints()) {
            List<String> row = new ArrayList<>(List.of(c.checkpoint(), c.step() == null ? "-" : String.valueOf(c.step())));
            for (String plan : plans) {
                row.add(c.runs().stream().filter(r -> plan.equals(r.plan())).findFirst().map(HistoryTables::cell).orElse("-"));
            }
            t.row(row);
        }
        String head = "family " + history.family() + System.lineSeparator();
        return history.checkpoints().isEmpty() ? head + "no checkpoints yet" + System.lineSeparator() : head + t;
    }

    /** "pass@1 46.67% ± 6.39  pass@5 89.05% ± 6.85  15 tasks 120 samples  complete" */
    static String cell(PlannedRun r) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Double> e : RunTables.byK(r.passAtK())) {
            Double se = r.standardError().get(e.getKey());
            s.append(String.format(Locale.ROOT, "pass@%s %.2f%%", e.getKey(), 100 * e.getValue()));
            if (se != null) {
                s.append(String.format(Locale.ROOT, " ± %.2f", 100 * se));
            }
            s.append("  ");
        }
        if (r.passAtK().isEmpty()) {
            s.append("pass@k -  ");
        }
        s.append(r.tasksScored()).append(" tasks ").append(r.samplesScored()).append(" samples  ")
                .append(r.complete() ? "complete" : "running");
        return s.toString();
    }

    private static void byK(ObjectNode into, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : RunTables.byK(values)) {
            into.put(e.getKey(), e.getValue());
        }
    }
}
