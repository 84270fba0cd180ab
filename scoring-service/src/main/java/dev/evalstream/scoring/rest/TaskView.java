package dev.evalstream.scoring.rest;

import java.util.Map;

/** One task of a run: n verdicts counted, c passes, errors and samples lost (not in n), pass@k for k <= n. */
public record TaskView(String taskId, int n, int c, int errors, int samplesLost, Map<String, Double> passAtK) {
}
