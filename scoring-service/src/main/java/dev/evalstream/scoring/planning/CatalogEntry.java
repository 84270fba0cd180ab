package dev.evalstream.scoring.planning;

/** A catalog entry as the planner keeps it: a dataset name bound to the content-addressed id its problems are keyed by. */
public record CatalogEntry(String name, String dataset, String contentHash, int problemCount) {
}
