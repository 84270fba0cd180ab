package dev.evalstream.scoring.rest;

import java.util.Map;

/** One task of a run: n verdicts counted, c passes, errors pending, pass@k for k <= n. */
public record TaskView(String taskId, int n, int c, int errors, Map<String, Double> passAtK) {
}
