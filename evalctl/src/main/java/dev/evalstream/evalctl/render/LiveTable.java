package dev.evalstream.evalctl.render;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.evalctl.scorer.TaskView;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The demo's per-task table (GET /runs/{id}/tasks), redrawn in place on a terminal and printed
 * as one progress line per change otherwise (logs, pipes, tests).
 */
public final class LiveTable {
    /** "evalstream/2" before "evalstream/10": by prefix, then by the number at the end. */
    static final Comparator<TaskView> BY_TASK = Comparator
            .comparing((TaskView t) -> t.taskId().replaceAll("\\d+$", ""))
            .thenComparingLong(t -> t.taskId().matches(".*\\d+$") ? Long.parseLong(t.taskId().replaceAll("^.*?(\\d+)$", "$1")) : -1)
            .thenComparing(TaskView::taskId);

    private final ScorerClient scorer;
    private final PrintStream out;
    private final boolean redraw;
    private int linesDrawn;
    private double lastRate;

    public LiveTable(ScorerClient scorer, PrintStream out, boolean redraw) {
        this.scorer = scorer;
        this.out = out;
        this.redraw = redraw;
    }

    public void show(RunView run, double rate) {
        lastRate = rate;
        if (!redraw) {
            out.println(RunTables.progress(run, rate));
            return;
        }
        String text = render(run, tasks(run.runId()), rate);
        if (linesDrawn > 0) {
            out.print("\033[" + linesDrawn + "F\033[J"); // back to the table's first line, clear below
        }
        out.print(text);
        out.flush();
        linesDrawn = (int) text.lines().count();
    }

    /** The final table: drawn in place on a terminal, printed once otherwise. */
    public void finish(RunView run) {
        if (redraw) {
            show(run, lastRate);
        } else {
            out.print(render(run, tasks(run.runId()), lastRate));
        }
    }

    static String render(RunView run, List<TaskView> tasks, double rate) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-16s %3s %3s %4s %8s %8s  %s%n", "task", "n", "c", "err", "pass@1", "pass@5", ""));
        for (TaskView t : tasks.stream().sorted(BY_TASK).toList()) {
            s.append(String.format(Locale.ROOT, "%-16s %3d %3d %4d %8s %8s  %s%n", t.taskId(), t.n(), t.c(), t.errors(),
                    pct(t.passAtK().get("1")), pct(t.passAtK().get("5")), "#".repeat(t.c()) + ".".repeat(Math.max(0, t.n() - t.c()))));
        }
        s.append(String.format(Locale.ROOT, "%-16s %11s %8s %8s%n", "all tasks", run.tasksScored() + "/" + run.tasksTotal(),
                pct(run.passAtK().get("1")), pct(run.passAtK().get("5"))));
        s.append(RunTables.progress(run, rate)).append(System.lineSeparator());
        return s.toString();
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** Per-task rows; an empty list while the scorer cannot answer (the summary still shows progress). */
    private List<TaskView> tasks(String runId) {
        try {
            return scorer.tasks(runId);
        } catch (EvalctlException e) {
            return List.of();
        }
    }
}
