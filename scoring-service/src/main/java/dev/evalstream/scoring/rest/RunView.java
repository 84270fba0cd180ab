package dev.evalstream.scoring.rest;

import java.util.List;
import java.util.Map;

/** One run's live table as GET /runs answers it (snake_case JSON). */
public record RunView(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                      double temperature, int tasksTotal, int tasksScored, long samplesTotal, long samplesScored,
                      long samplesErrored, Map<String, Double> passAtK, Map<String, Double> standardError,
                      boolean complete, long createdAt) {
}
