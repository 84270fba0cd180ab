package dev.evalstream.executor;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Evaluator for the processor's own logic (runs reported, backpressure): answers with scripted
 * verdicts, or holds every run until released. Sandbox behaviour is tested with the real one.
 */
final class ScriptedEvaluator implements Evaluator {
    private final Deque<Verdict.Kind> script = new ArrayDeque<>();
    final AtomicInteger runs = new AtomicInteger();
    final List<CompletableFuture<Verdict>> held = new CopyOnWriteArrayList<>();
    volatile boolean hold;
    /** The runs each scripted verdict says the sandbox took. */
    volatile int attempts = 1;

    ScriptedEvaluator then(Verdict.Kind... kinds) {
        script.addAll(List.of(kinds));
        return this;
    }

    @Override
    public synchronized CompletableFuture<Verdict> evaluate(Problem problem, String completion, boolean wholeProgram) {
        runs.incrementAndGet();
        if (hold) {
            CompletableFuture<Verdict> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        Verdict.Kind kind = script.isEmpty() ? Verdict.Kind.PASSED : script.poll();
        return CompletableFuture.completedFuture(new Verdict(kind, kind == Verdict.Kind.ERROR ? "slot died" : null,
                1.5, 3000, attempts));
    }

    void releaseAll() {
        held.forEach(f -> f.complete(new Verdict(Verdict.Kind.PASSED, null, 1, 3000)));
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public void close() {
    }
}
