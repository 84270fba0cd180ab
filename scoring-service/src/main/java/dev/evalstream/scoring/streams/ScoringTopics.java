package dev.evalstream.scoring.streams;

/**
 * The topics the scorer reads and writes, as configured (evalstream.topics.*, whose defaults
 * schemas' TopicsConfigSource takes from Topics).
 */
public record ScoringTopics(String results, String runs, String scores, String deadLetters) {
}
