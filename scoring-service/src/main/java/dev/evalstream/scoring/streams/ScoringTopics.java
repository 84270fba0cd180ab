package dev.evalstream.scoring.streams;

import dev.evalstream.schemas.Topics;

/** The topics the scorer reads and writes, as configured (defaults are the Topics constants). */
public record ScoringTopics(String results, String runs, String scores, String deadLetters) {
    public static ScoringTopics defaults() {
        return new ScoringTopics(Topics.RESULTS, Topics.RUNS, Topics.SCORES, Topics.DEAD_LETTERS);
    }
}
