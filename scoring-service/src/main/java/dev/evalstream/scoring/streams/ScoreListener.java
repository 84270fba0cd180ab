package dev.evalstream.scoring.streams;

import dev.evalstream.scoring.model.RunScore;

/** Told of every change of a run's table on this instance (score is null when a run is deleted). */
@FunctionalInterface
public interface ScoreListener {
    ScoreListener NONE = (runId, score) -> { };

    void changed(String runId, RunScore score);
}
