package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.Ranking;
import dev.evalstream.scoring.model.RunScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a model's temperature table from its runs. */
final class ModelTables {
    private ModelTables() {
    }

    /** @return null when the model has no runs */
    static ModelTableView of(String model, List<RunScore> scores) {
        Map<Double, RunScore> latestByTemperature = new TreeMap<>();
        scores.stream().filter(s -> model.equals(s.run().model()))
                .sorted(Comparator.comparingLong((RunScore s) -> s.run().createdAtMillis())
                        .thenComparing(s -> s.run().runId()))
                .forEach(s -> latestByTemperature.put(s.run().temperature(), s));
        if (latestByTemperature.isEmpty()) {
            return null;
        }
        List<ModelTableView.Row> rows = new ArrayList<>();
        Map<String, ModelTableView.Best> best = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
        for (RunScore s : latestByTemperature.values()) {
            RunView v = Views.run(s);
            rows.add(new ModelTableView.Row(v.temperature(), v.runId(), v.tasksScored(), v.samplesScored(),
                    v.complete(), v.passAtK(), v.standardError(), Ranking.of(s.tally())));
            v.passAtK().forEach((k, p) -> {
                ModelTableView.Best current = best.get(k);
                if (current == null || p > current.passAtK()) {
                    best.put(k, new ModelTableView.Best(v.temperature(), v.runId(), p));
                }
            });
        }
        return new ModelTableView(model, rows, new LinkedHashMap<>(best));
    }
}
