package dev.evalstream.scoring.planning;

/** A planned run the planner has started (its Run and prompts are written): never started again. */
public record Started(String runId, String family, String checkpoint, String plan, String dataset, int prompts,
                      long startedAtMillis) {
}
