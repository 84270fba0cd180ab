package dev.evalstream.scoring.streams;

/**
 * A task's marker in the per-task step: how many of its sample identities have a state, and
 * whether all n have (final: its per-sample entries are released and its figures no longer change).
 */
record TaskProgress(int counted, boolean done) {
}
