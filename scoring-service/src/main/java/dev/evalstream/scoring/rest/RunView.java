package dev.evalstream.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One run's live table as GET /runs answers it (snake_case JSON); samples_lost: dead-lettered on
 * the way, not in pass@k; family: the model family of a run a plan started (null for a submitted
 * run), so live pages can tell a family's runs; plus_pass_at_k: on base and extra tests (evalplus's
 * formats), left out for runs without extra tests.
 */
public record RunView(String runId, String model, String dataset, String backend, int n, List<Integer> ks,
                      double temperature, int tasksTotal, int tasksScored, long samplesTotal, long samplesScored,
                      long samplesErrored, long samplesLost, Map<String, Double> passAtK, Map<String, Double> standardError,
                      boolean complete, long createdAt, String family,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> plusPassAtK) {
}
