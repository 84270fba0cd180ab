package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-problem time limits measured on this executor's own hardware: the first time a problem
 * is seen, its canonical solution runs in the sandbox {@code runs} times, and the limit is
 * max(floor, factor x the slowest run). The slowest rather than the median because a limit
 * set too low fails correct samples, one set too high only lets a loop run longer. Cached
 * per problem content (hash plus canonical solution), so every sample of a problem waits for
 * one measurement. Without a canonical solution, or when it does not pass here, the problem
 * keeps the default limit.
 */
public final class TimeoutCalibration {
    private static final Logger LOG = Logger.getLogger(TimeoutCalibration.class);

    /**
     * @param factor how many times the canonical solution's time a sample may take
     * @param floor  the least limit, whatever the measurement (interpreter and host jitter dominate tiny times)
     * @param runs   runs of the canonical solution per problem
     */
    public record Settings(boolean enabled, double factor, Duration floor, int runs) {
        public Settings {
            if (enabled && (factor < 1 || floor.isNegative() || floor.isZero() || runs < 1)) {
                throw new IllegalArgumentException("calibration needs factor >= 1, a positive floor and runs >= 1: "
                        + factor + ", " + floor + ", " + runs);
            }
        }

        public static Settings disabled() {
            return new Settings(false, 1, Duration.ofSeconds(1), 1);
        }
    }

    private record Key(String contentHash, String canonicalSolution) {
    }

    /** A measurement's outcome; {@code again} when an infrastructure fault spoilt it, so it says nothing. */
    private record Measured(OptionalLong limitMs, boolean again) {
    }

    private final Evaluator evaluator;
    private final Settings settings;
    private final Map<Key, CompletableFuture<Measured>> limits = new ConcurrentHashMap<>();

    public TimeoutCalibration(Evaluator evaluator, Settings settings) {
        this.evaluator = evaluator;
        this.settings = settings;
    }

    /** The calibrated limit in ms, or empty for the executor's default; never completes exceptionally. */
    public CompletableFuture<OptionalLong> limitFor(Problem problem) {
        String canonical = problem.getCanonicalSolution();
        if (!settings.enabled() || canonical == null || canonical.isBlank()) {
            return CompletableFuture.completedFuture(OptionalLong.empty());
        }
        Key key = new Key(problem.getContentHash(), canonical);
        CompletableFuture<Measured> measured = limits.computeIfAbsent(key, k -> measure(problem));
        return measured.thenApply(m -> {
            if (m.again()) {
                limits.remove(key, measured); // the next sample of this problem measures again
            }
            return m.limitMs();
        });
    }

    private CompletableFuture<Measured> measure(Problem problem) {
        return run(new RunnableProblems().of(problem, null, 1.0), 1, 0).handle((slowestMs, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                LOG.warnf("no calibrated limit for %s (the default applies): %s", problem.getTaskId(), cause.getMessage());
                return new Measured(OptionalLong.empty(), cause instanceof InfrastructureFault);
            }
            long limit = Math.max(settings.floor().toMillis(), (long) Math.ceil(settings.factor() * slowestMs));
            LOG.debugf("calibrated %s: canonical solution %.1f ms at most, limit %d ms", problem.getTaskId(),
                    slowestMs, limit);
            return new Measured(OptionalLong.of(limit), false);
        });
    }

    /** Runs the canonical solution run..runs times in sequence, keeping the slowest duration. */
    private CompletableFuture<Double> run(dev.evalstream.harness.data.Problem problem, int run, double slowest) {
        return evaluator.evaluate(problem, problem.canonicalSolution()).thenCompose(v -> {
            if (v.kind() == Verdict.Kind.ERROR) {
                return CompletableFuture.failedFuture(new InfrastructureFault(v.result()));
            }
            if (v.kind() != Verdict.Kind.PASSED) {
                return CompletableFuture.failedFuture(new IllegalStateException("canonical solution " + v.result()));
            }
            double max = Math.max(slowest, v.durationMs());
            return run < settings.runs() ? run(problem, run + 1, max) : CompletableFuture.completedFuture(max);
        });
    }

    private static final class InfrastructureFault extends RuntimeException {
        InfrastructureFault(String message) {
            super(message);
        }
    }
}
