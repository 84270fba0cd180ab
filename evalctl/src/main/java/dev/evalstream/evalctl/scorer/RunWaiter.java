package dev.evalstream.evalctl.scorer;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Polls the scorer until a run is complete, reporting each change with the scoring rate.
 * Bounded by a timeout; a run the scorer does not know yet (404 just after submit) is waited
 * for like any other unfinished run.
 */
public final class RunWaiter {
    private final ScorerClient scorer;
    private final Duration interval;

    public RunWaiter(ScorerClient scorer, Duration interval) {
        this.scorer = scorer;
        this.interval = interval;
    }

    /** @param onChange called with each new view and the samples-per-second rate since the first poll */
    public RunView await(String runId, Duration timeout, BiConsumer<RunView, Double> onChange) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        RunView last = null;
        Long firstDone = null;
        while (true) {
            RunView view = poll(runId);
            long now = System.nanoTime();
            if (view != null && !view.equals(last)) {
                if (firstDone == null) {
                    firstDone = view.samplesDone();
                }
                double seconds = (now - start) / 1e9;
                double rate = seconds > 0 ? (view.samplesDone() - firstDone) / seconds : 0;
                onChange.accept(view, rate);
                last = view;
            }
            if (view != null && view.complete()) {
                return view;
            }
            if (now > deadline) {
                throw EvalctlException.timeout("run " + runId + " not complete after " + timeout.toSeconds() + " s"
                        + (last == null ? " (the scorer has not seen it yet)"
                        : ": " + last.samplesDone() + "/" + last.samplesTotal() + " samples scored"));
            }
            sleep();
        }
    }

    private RunView poll(String runId) {
        try {
            return scorer.run(runId);
        } catch (EvalctlException e) {
            if (e.exitCode() == ExitCodes.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalctlException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }
}
