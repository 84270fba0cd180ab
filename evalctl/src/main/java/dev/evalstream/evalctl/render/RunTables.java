package dev.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.scorer.ModelView;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.SampleVerdict;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How runs are shown: passk's JSON object, and the small tables of passk, watch and models. */
public final class RunTables {
    private RunTables() {
    }

    /**
     * passk --json: run_id, model, tasks_total, tasks_scored, samples_total, samples_scored, samples_lost, pass_at_k,
     * and plus_pass_at_k for a run with extra tests (left out otherwise: absent, not zero).
     */
    public static ObjectNode passkJson(RunView run) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("run_id", run.runId());
        o.put("model", run.model());
        o.put("tasks_total", run.tasksTotal());
        o.put("tasks_scored", run.tasksScored());
        o.put("samples_total", run.samplesTotal());
        o.put("samples_scored", run.samplesScored());
        o.put("samples_lost", run.samplesLost());
        putByK(o.putObject("pass_at_k"), run.passAtK());
        if (run.plusPassAtK() != null) {
            putByK(o.putObject("plus_pass_at_k"), run.plusPassAtK());
        }
        return o;
    }

    private static void putByK(ObjectNode into, Map<String, Double> passAtK) {
        for (Map.Entry<String, Double> e : byK(passAtK)) {
            into.put(e.getKey(), e.getValue());
        }
    }

    /**
     * One line per k, with the tasks and samples that stand behind each figure; for a run with
     * extra tests a "plus" column beside the base figure (evalplus's base and plus side by side).
     */
    public static String passkTable(RunView run) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "run %s  model %s  dataset %s  n=%d%n", run.runId(), run.model(), shortDataset(run.dataset()), run.n()));
        Map<String, Double> plus = run.plusPassAtK();
        String plusHeader = plus == null ? "" : String.format(Locale.ROOT, " %9s", "plus");
        s.append(String.format(Locale.ROOT, "%-10s %9s%s %13s %19s%n", "k", "pass@k", plusHeader, "tasks", "samples"));
        String tasks = run.tasksScored() + "/" + run.tasksTotal();
        String samples = run.samplesScored() + "/" + run.samplesTotal();
        List<Map.Entry<String, Double>> rows = byK(run.passAtK());
        if (rows.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%-10s %9s%s %13s %19s%n", "-", "-", plus == null ? "" : String.format(Locale.ROOT, " %9s", "-"), tasks, samples));
        }
        for (Map.Entry<String, Double> e : rows) {
            String plusCell = plus == null ? "" : " " + percent(plus.get(e.getKey()));
            s.append(String.format(Locale.ROOT, "%-10s %s%s %13s %19s%n", "pass@" + e.getKey(), percent(e.getValue()), plusCell, tasks, samples));
        }
        if (run.samplesLost() > 0) {
            s.append(run.samplesLost()).append(" samples lost on the way (dead letters with the reasons; not counted)")
                    .append(System.lineSeparator());
        }
        if (run.samplesErrored() > 0) {
            s.append(run.samplesErrored()).append(" samples errored (infrastructure faults, not counted)").append(System.lineSeparator());
        }
        return s.toString();
    }

    /** "  70.00%", or "-" right-aligned when the figure is not there yet. */
    private static String percent(Double p) {
        return p == null ? String.format(Locale.ROOT, "%9s", "-") : String.format(Locale.ROOT, "%8.2f%%", 100 * p);
    }

    /** A dataset name for a table: its content hash cut to 12 hex (keys and JSON keep all 64). */
    static String shortDataset(String name) {
        return name != null && name.matches(".*-[0-9a-f]{64}") ? name.substring(0, name.length() - 52) + "…" : name;
    }

    /** passk's table plus a progress bar and state, for watch. */
    public static String watchTable(RunView run, double samplesPerSecond) {
        return passkTable(run) + progress(run, samplesPerSecond) + System.lineSeparator()
                + (run.complete() ? "complete" : "running") + System.lineSeparator();
    }

    /** "[#########.........]  120/164 samples  35.2/s" */
    public static String progress(RunView run, double samplesPerSecond) {
        int width = 30;
        long total = Math.max(1, run.samplesTotal());
        int filled = (int) Math.min(width, run.samplesDone() * width / total);
        return String.format(Locale.ROOT, "[%s%s] %d/%d samples  %.1f/s", "#".repeat(filled), ".".repeat(width - filled),
                run.samplesDone(), run.samplesTotal(), samplesPerSecond);
    }

    public static String modelsTable(List<ModelView> models) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %5s  %-40s %s%n", "model", "runs", "latest run", "pass@k"));
        for (ModelView m : models) {
            RunView r = m.latest();
            StringBuilder pass = new StringBuilder();
            if (r != null) {
                for (var e : byK(r.passAtK())) {
                    pass.append(String.format(Locale.ROOT, "@%s %.2f%%  ", e.getKey(), 100 * e.getValue()));
                }
            }
            s.append(String.format(Locale.ROOT, "%-28s %5d  %-40s %s%n", m.model(), m.runs() == null ? 0 : m.runs().size(),
                    r == null ? "-" : r.runId(), pass.toString().trim()));
        }
        return s.toString();
    }

    /** results --format table: one line per sample in submission order. */
    public static String verdictTable(List<SampleVerdict> verdicts) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%8s  %-24s %6s  %-9s %s%n", "position", "task", "index", "outcome", "result"));
        for (SampleVerdict v : verdicts) {
            String result = v.result() == null ? "" : v.result().replace('\n', ' ');
            s.append(String.format(Locale.ROOT, "%8s  %-24s %6d  %-9s %s%n", v.position() == null ? "-" : v.position(),
                    v.taskId(), v.sampleIndex(), v.outcome(), result.length() > 60 ? result.substring(0, 57) + "..." : result));
        }
        return s.toString();
    }

    /** pass@k entries in numeric order of k. */
    static <V> List<Map.Entry<String, V>> byK(Map<String, V> passAtK) {
        return passAtK.entrySet().stream().sorted(Comparator.comparingLong(e -> kOf(e.getKey()))).toList();
    }

    private static long kOf(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
