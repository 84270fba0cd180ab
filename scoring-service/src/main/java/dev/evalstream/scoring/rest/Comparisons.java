package dev.evalstream.scoring.rest;

import dev.evalstream.harness.PassAtK;
import dev.evalstream.harness.stats.PairedComparison;
import dev.evalstream.harness.stats.PairedComparison.Comparison;
import dev.evalstream.harness.stats.PairedComparison.Difference;
import dev.evalstream.harness.stats.PairedComparison.TaskTallies;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.TaskTally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pairs two runs' task tallies and hands them to the harness's PairedComparison (the one place
 * that does the statistics), then shapes its answer for readers. Runs of different datasets are
 * not compared: their tasks only share names.
 */
public final class Comparisons {
    private Comparisons() {
    }

    /** A comparison, or why the two runs cannot be compared (yet). */
    public sealed interface Outcome {
        record Compared(CompareView view) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    /** B against A at each k both runs report, over the tasks scored in both (n > 0 in each). */
    public static Outcome of(RunScore a, List<TaskTally> aTasks, RunScore b, List<TaskTally> bTasks, double confidence) {
        RunInfo ra = a.run();
        RunInfo rb = b.run();
        if (!Objects.equals(ra.dataset(), rb.dataset())) {
            return new Outcome.Refused("runs " + ra.runId() + " and " + rb.runId() + " are on different datasets ("
                    + ra.dataset() + " and " + rb.dataset() + "): only runs of one dataset answer the same tasks");
        }
        List<TaskTallies> pairs = pairs(aTasks, bTasks);
        Comparison c = PairedComparison.of(pairs, commonKs(ra, rb), confidence);
        if (c.tasks().isEmpty()) {
            return new Outcome.Refused("runs " + ra.runId() + " and " + rb.runId() + " have no task scored in both yet ("
                    + RunFigures.of(a).tasksScored() + " and " + RunFigures.of(b).tasksScored() + " tasks scored)");
        }
        Map<String, CompareView.DifferenceView> byK = new LinkedHashMap<>();
        c.passAtK().forEach((k, d) -> byK.put(Integer.toString(k), view(d)));
        Map<String, TaskTallies> counts = pairs.stream().collect(Collectors.toMap(TaskTallies::taskId, t -> t));
        List<CompareView.TaskChangeView> tasks = c.tasks().stream()
                .sorted((x, y) -> Views.compareTaskIds(x.taskId(), y.taskId()))
                .map(t -> {
                    TaskTallies n = counts.get(t.taskId());
                    return new CompareView.TaskChangeView(t.taskId(), t.a(), t.b(), n.a().c(), n.a().n(), n.b().c(), n.b().n());
                }).toList();
        return new Outcome.Compared(new CompareView(ra.runId(), rb.runId(), tasks.size(), byK, tasks, c.improved(),
                c.regressed(), RunFigures.of(a).complete(ra.samplesTotal()), RunFigures.of(b).complete(rb.samplesTotal()),
                ra.dataset(), confidence));
    }

    /** Every task either run has a tally for; a task missing from one run has n = 0 there (not compared). */
    static List<TaskTallies> pairs(List<TaskTally> aTasks, List<TaskTally> bTasks) {
        Map<String, PassAtK.Tally[]> byTask = new TreeMap<>();
        aTasks.forEach(t -> byTask.computeIfAbsent(t.taskId(), id -> empty())[0] = new PassAtK.Tally(t.n(), t.c()));
        bTasks.forEach(t -> byTask.computeIfAbsent(t.taskId(), id -> empty())[1] = new PassAtK.Tally(t.n(), t.c()));
        return byTask.entrySet().stream().map(e -> new TaskTallies(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The ks both runs report, ascending. */
    static List<Integer> commonKs(RunInfo a, RunInfo b) {
        return a.ks().stream().filter(b.ks()::contains).distinct().sorted().toList();
    }

    private static PassAtK.Tally[] empty() {
        return new PassAtK.Tally[] {new PassAtK.Tally(0, 0), new PassAtK.Tally(0, 0)};
    }

    /** NaN (no test: fewer than 2 tasks) becomes JSON null, never the non-JSON token NaN. */
    private static CompareView.DifferenceView view(Difference d) {
        return new CompareView.DifferenceView(d.a(), d.b(), d.delta(), orNull(d.ciLow()), orNull(d.ciHigh()),
                orNull(d.pValue()), d.tasks());
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
