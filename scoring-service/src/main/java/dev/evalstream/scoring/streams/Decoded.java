package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;

/**
 * Either a decoded record (null for a tombstone) with where it came from, or the dead letter
 * explaining why there is none.
 */
public record Decoded<T>(T value, Source source, DeadLetter deadLetter) {
    public boolean failed() {
        return deadLetter != null;
    }
}
