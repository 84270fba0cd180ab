package dev.evalstream.harness;

import dev.evalstream.harness.data.Problem;
import java.util.concurrent.CompletableFuture;

/**
 * Runs samples against their problem's hidden tests in the sandbox, several at a time.
 * Used by the executor service and by `evalctl check`, so both give the same verdicts.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Runs prompt + completion + test + check(entry_point) under the sandbox's limits.
     * Never completes exceptionally for anything the sample does: a fault of the
     * infrastructure completes with a {@link Verdict.Kind#ERROR} verdict.
     */
    CompletableFuture<Verdict> evaluate(Problem problem, String completion);

    /** How many samples run at once. */
    int slots();

    @Override
    void close();
}
