package dev.evalstream.scoring.planning;

/** The topics the planner reads (checkpoints, plans, the catalog, problems) and writes (runs, prompts, dead letters), as configured. */
public record PlannerTopics(String checkpoints, String plans, String datasets, String problems, String runs,
                            String prompts, String deadLetters) {
}
