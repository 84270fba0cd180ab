package dev.evalstream.executor;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.schemas.DeadLetters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sample in the sandbox, again while the sandbox reports an infrastructure error
 * (ERROR is never the model's fault), up to a bounded number of attempts. The last verdict
 * stands, so a persistent fault is published as ERROR rather than retried forever.
 */
final class Attempts {
    /** The verdict that stands and how many runs it took. */
    record Attempted(Verdict verdict, int attempts) {
    }

    private final Evaluator evaluator;
    private final int maxAttempts;
    private final Duration backoff;
    private final ExecutorStats stats;

    Attempts(Evaluator evaluator, int maxAttempts, Duration backoff, ExecutorStats stats) {
        this.evaluator = evaluator;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.stats = stats;
    }

    CompletableFuture<Attempted> run(Problem problem, String completion) {
        return attempt(problem, completion, 1);
    }

    private CompletableFuture<Attempted> attempt(Problem problem, String completion, int attempt) {
        return once(problem, completion).thenCompose(verdict -> {
            if (verdict.kind() != Verdict.Kind.ERROR || attempt >= maxAttempts) {
                return CompletableFuture.completedFuture(new Attempted(verdict, attempt));
            }
            stats.retried();
            Executor later = CompletableFuture.delayedExecutor(backoff.toMillis() * attempt, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> attempt, later)
                    .thenCompose(n -> attempt(problem, completion, n + 1));
        });
    }

    /** The evaluator promises never to fail; should it break that promise, the fault is an ERROR verdict. */
    private CompletableFuture<Verdict> once(Problem problem, String completion) {
        try {
            return evaluator.evaluate(problem, completion)
                    .exceptionally(t -> new Verdict(Verdict.Kind.ERROR, DeadLetters.reason(t), 0, 0));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Verdict(Verdict.Kind.ERROR, DeadLetters.reason(e), 0, 0));
        }
    }
}
