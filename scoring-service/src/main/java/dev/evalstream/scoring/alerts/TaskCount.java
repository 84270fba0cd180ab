package dev.evalstream.scoring.alerts;

/** One task's verdicts in a completed run: n counted, c passed. All the judge keeps of a task. */
public record TaskCount(String taskId, int n, int c) {
}
