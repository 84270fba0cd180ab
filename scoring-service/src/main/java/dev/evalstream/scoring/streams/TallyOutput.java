package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;

/** What the per-task step emits: a sample's change for its task's tally, or a dead letter (with its own key). */
record TallyOutput(SampleChange change, DeadLetter deadLetter, String deadLetterKey) {
    static TallyOutput of(SampleChange change) {
        return new TallyOutput(change, null, null);
    }

    static TallyOutput rejected(DeadLetter letter, String key) {
        return new TallyOutput(null, letter, key);
    }

    boolean isDeadLetter() {
        return deadLetter != null;
    }
}
