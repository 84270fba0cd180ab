package dev.evalstream.scoring.streams;

/** A run's word that a task is one of its own, with n: the sample indexes it has are 0..n-1. */
record TaskMember(String runId, String taskId, int n) {
}
