package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.Ranking;
import java.util.List;
import java.util.Map;

/**
 * A model's pass@k by sampling temperature and the best temperature for each k, as in Chen
 * et al. (figure 5): one row per temperature (its latest run), each pass@k with its standard
 * error across tasks, and the log-probability ranking where results carried log-probabilities.
 */
public record ModelTableView(String model, List<Row> temperatures, Map<String, Best> bestTemperature) {

    public record Row(double temperature, String runId, int tasksScored, long samplesScored, boolean complete,
                      Map<String, Double> passAtK, Map<String, Double> standardError, Ranking ranking) {
    }

    public record Best(double temperature, String runId, double passAtK) {
    }
}
