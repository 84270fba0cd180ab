package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns store values into the DTOs readers get, and orders them the way readers expect. */
public final class Views {
    /** By position (unknown last), then task id, then sample index. */
    public static final Comparator<SampleState> SUBMISSION_ORDER = Comparator
            .comparing(SampleState::position, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SampleState::taskId, Views::compareTaskIds)
            .thenComparingInt(SampleState::sampleIndex);

    private Views() {
    }

    public static RunView run(RunScore score) {
        RunInfo r = score.run();
        RunFigures f = RunFigures.of(score);
        return new RunView(r.runId(), r.model(), r.dataset(), r.backend(), r.n(), r.ks(), r.temperature(),
                r.tasksTotal(), f.tasksScored(), r.samplesTotal(), f.samplesScored(), f.samplesErrored(),
                f.samplesLost(), f.passAtK(), f.standardError(), f.complete(r.samplesTotal()), r.createdAtMillis(),
                r.family(), f.plusPassAtK());
    }

    /** A run's task tallies (from the per-task store) with each task's pass@k for the run's ks. */
    public static List<TaskView> tasks(List<TaskTally> tallies, List<Integer> ks) {
        Map<String, TaskTally> sorted = new TreeMap<>(Views::compareTaskIds);
        tallies.forEach(t -> sorted.put(t.taskId(), t));
        List<TaskView> out = new ArrayList<>();
        for (TaskTally t : sorted.values()) {
            out.add(new TaskView(t.taskId(), t.n(), t.c(), t.errors(), t.lost(), RunFigures.taskPassAtK(t, ks)));
        }
        return out;
    }

    public static List<SampleView> samples(List<SampleState> states) {
        List<SampleState> sorted = new ArrayList<>(states);
        sorted.sort(SUBMISSION_ORDER);
        return sorted.stream().map(s -> new SampleView(s.taskId(), s.sampleIndex(), s.position(), s.outcome(),
                s.passed(), s.result(), s.plusOutcome(), s.baseFailTests(), s.plusFailTests())).toList();
    }

    /** Groups runs by model, each model's runs oldest first. */
    public static List<ModelView> models(List<RunScore> scores) {
        Map<String, List<RunView>> byModel = new TreeMap<>();
        for (RunScore s : scores) {
            byModel.computeIfAbsent(s.run().model(), m -> new ArrayList<>()).add(run(s));
        }
        Map<String, ModelView> out = new LinkedHashMap<>();
        byModel.forEach((model, runs) -> {
            runs.sort(Comparator.comparingLong(RunView::createdAt).thenComparing(RunView::runId));
            out.put(model, new ModelView(model, runs, runs.get(runs.size() - 1)));
        });
        return new ArrayList<>(out.values());
    }

    /** "HumanEval/2" before "HumanEval/10": a trailing number compares as a number. */
    public static int compareTaskIds(String a, String b) {
        int ia = numberStart(a);
        int ib = numberStart(b);
        int prefix = a.substring(0, ia).compareTo(b.substring(0, ib));
        if (prefix != 0 || ia == a.length() || ib == b.length()) {
            return prefix != 0 ? prefix : a.compareTo(b);
        }
        String na = a.substring(ia);
        String nb = b.substring(ib);
        int byLength = Integer.compare(na.replaceFirst("^0+", "").length(), nb.replaceFirst("^0+", "").length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int numberStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
