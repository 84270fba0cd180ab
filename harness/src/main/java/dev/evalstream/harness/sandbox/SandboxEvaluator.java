package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.util.concurrent.CompletableFuture;

/**
 * The sandboxed {@link Evaluator}: a pool of slots, each a warm Python fork server inside its own
 * bubblewrap sandbox, fed from one queue. Thread-safe; {@link #evaluate} never completes
 * exceptionally for anything a sample does.
 */
public final class SandboxEvaluator implements Evaluator {
    private final SandboxOptions options;

    private SandboxEvaluator(SandboxOptions options) {
        this.options = options;
    }

    /**
     * Starts the slots. Fails with {@link SandboxUnavailableException} when the host cannot isolate
     * samples (no bubblewrap, no writable memory/pids cgroups, not root), unless options.insecure().
     */
    public static Evaluator create(SandboxOptions options) {
        return new SandboxEvaluator(options);
    }

    @Override
    public CompletableFuture<Verdict> evaluate(Problem problem, String completion) {
        return CompletableFuture.completedFuture(
                new Verdict(Verdict.Kind.ERROR, "not implemented yet", 0, options.timeoutMs()));
    }

    @Override
    public int slots() {
        return options.slots();
    }

    @Override
    public void close() {
    }
}
