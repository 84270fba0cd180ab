package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.plus.PlusTests;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * How much slower (or faster) this executor runs an evalplus problem's canonical solution than the
 * machine that published it: the first time a problem is seen, its canonical solution runs here on
 * every input, measured the way publication measured it, and the scale is the sum of this
 * executor's times over the sum of the published ones. Cached per problem content. When disabled,
 * or when the canonical solution does not run here, the scale is 1 (the published times as they are).
 */
public final class PlusCalibration {
    private static final Logger LOG = Logger.getLogger(PlusCalibration.class);

    private final Evaluator evaluator;
    private final RunnableProblems problems;
    private final boolean enabled;
    private final Map<String, CompletableFuture<Double>> scales = new ConcurrentHashMap<>();

    PlusCalibration(Evaluator evaluator, RunnableProblems problems, boolean enabled) {
        this.evaluator = evaluator;
        this.problems = problems;
        this.enabled = enabled;
    }

    /** Never completes exceptionally. */
    CompletableFuture<Double> scaleFor(Problem problem) {
        if (!enabled) {
            return CompletableFuture.completedFuture(1.0);
        }
        return scales.computeIfAbsent(problem.getContentHash() + "|" + problem.getTaskId(), k -> measure(problem));
    }

    private CompletableFuture<Double> measure(Problem problem) {
        PlusTests published = problems.plusTests(problem);
        return evaluator.runCanonical(problems.of(problem, null, 1.0)).handle((run, failure) -> {
            double theirs = sum(published.canonicalMs());
            if (failure != null || !run.ok() || theirs <= 0) {
                LOG.warnf("%s: the published canonical times apply unscaled: %s", problem.getTaskId(),
                        failure != null ? failure : run.ok() ? "they sum to 0 ms" : run.failure());
                return 1.0;
            }
            double scale = sum(run.canonicalMs()) / theirs;
            LOG.debugf("%s: canonical solution %.1f ms here, %.1f ms when published: scale %.2f", problem.getTaskId(),
                    sum(run.canonicalMs()), theirs, scale);
            return scale;
        });
    }

    private static double sum(List<Double> ms) {
        return ms.stream().mapToDouble(Double::doubleValue).sum();
    }
}
