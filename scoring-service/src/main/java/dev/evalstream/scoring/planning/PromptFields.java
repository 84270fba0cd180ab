package dev.evalstream.scoring.planning;

/** The parts of a problem a prompt may carry: never its tests, entry point or solution. */
public record PromptFields(String dataset, String taskId, String prompt) {
}
