package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The problems an executor knows, with their hidden tests. */
public interface ProblemLookup {

    Optional<Problem> find(String dataset, String taskId);

    /**
     * Completes once every problem published before this call is visible to {@link #find}.
     * Callers bound the wait themselves.
     */
    CompletionStage<Void> caughtUp();
}
