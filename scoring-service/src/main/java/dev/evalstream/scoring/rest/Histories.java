package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.planning.CheckpointInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a family's history from the planner's checkpoints (those of the family, from the
 * instance holding the family's partition) and the run tables (every instance's share). A
 * checkpoint with no run yet is listed with none; a run of the family whose checkpoint the
 * planner has not recorded (published with a family by hand) still gets its checkpoint's row.
 */
public final class Histories {
    /** Step order (checkpoints without a step after those with one), then arrival, then name. */
    static final Comparator<Row> ORDER = Comparator
            .comparing((Row r) -> r.step, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(r -> r.arrivedAt)
            .thenComparing(r -> r.checkpoint);

    private Histories() {
    }

    private static final class Row {
        final String checkpoint;
        Long step;
        long arrivedAt;
        long publishedAt;
        Map<String, String> labels = Map.of();
        final List<RunScore> runs = new ArrayList<>();

        Row(String checkpoint) {
            this.checkpoint = checkpoint;
        }
    }

    public static HistoryView of(String family, List<CheckpointInfo> checkpoints, List<RunScore> runs) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (CheckpointInfo c : checkpoints) {
            if (!family.equals(c.family())) {
                continue;
            }
            Row row = rows.computeIfAbsent(c.checkpoint(), Row::new);
            row.step = c.step();
            row.arrivedAt = c.arrivedAtMillis();
            row.publishedAt = c.publishedAtMillis();
            row.labels = c.labels() == null ? Map.of() : c.labels();
        }
        for (RunScore s : runs) {
            RunInfo r = s.run();
            if (r == null || !family.equals(r.family()) || r.checkpoint() == null) {
                continue;
            }
            Row row = rows.get(r.checkpoint());
            if (row == null) {
                row = new Row(r.checkpoint());
                row.step = r.step();
                row.arrivedAt = r.createdAtMillis();
                row.publishedAt = r.createdAtMillis();
                rows.put(r.checkpoint(), row);
            }
            row.runs.add(s);
        }
        List<HistoryView.CheckpointView> out = rows.values().stream().sorted(ORDER)
                .map(row -> new HistoryView.CheckpointView(row.checkpoint, row.step, row.labels, row.publishedAt,
                        row.runs.stream()
                                .sorted(Comparator.comparing((RunScore s) -> Objects.toString(s.run().plan(), ""))
                                        .thenComparing(s -> s.run().runId()))
                                .map(Histories::run).toList()))
                .toList();
        return new HistoryView(family, out);
    }

    private static HistoryView.PlannedRunView run(RunScore s) {
        RunInfo r = s.run();
        RunFigures f = RunFigures.of(s);
        return new HistoryView.PlannedRunView(r.runId(), r.plan(), r.dataset(), r.n(), f.complete(r.samplesTotal()),
                r.tasksTotal(), f.tasksScored(), r.samplesTotal(), f.samplesScored(), f.samplesLost(), f.passAtK(),
                f.standardError());
    }
}
