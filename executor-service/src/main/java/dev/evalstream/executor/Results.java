package dev.evalstream.executor;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Verdict;
import java.time.Instant;

/** Builds the Result of a sample: its identity, the verdict, and what the scorer ranks by. */
final class Results {
    private Results() {
    }

    static Result of(Sample sample, Verdict verdict, int attempts, String executor) {
        return Result.newBuilder()
                .setRunId(sample.getRunId())
                .setModel(sample.getModel())
                .setDataset(sample.getDataset())
                .setTaskId(sample.getTaskId())
                .setSampleIndex(sample.getSampleIndex())
                .setOutcome(outcome(verdict.kind()))
                .setDetail(verdict.result())
                .setDurationMs(verdict.durationMs())
                .setTimeoutMs(verdict.timeoutMs())
                .setExecutor(executor)
                .setAttempts(attempts)
                .setPosition(sample.getPosition())
                .setSumLogprob(sample.getSumLogprob())
                .setMeanLogprob(sample.getMeanLogprob())
                .setCompletedAt(Instant.now())
                .setPlusOutcome(verdict.plus() == null ? null : outcome(verdict.plus().kind()))
                .setBaseFailTests(verdict.plus() == null ? null : verdict.plus().baseFailTests())
                .setPlusFailTests(verdict.plus() == null ? null : verdict.plus().plusFailTests())
                .setTimeLimitsMs(verdict.plus() == null ? null : verdict.plus().timeLimitsMs())
                .build();
    }

    static Outcome outcome(Verdict.Kind kind) {
        return switch (kind) {
            case PASSED -> Outcome.PASSED;
            case FAILED -> Outcome.FAILED;
            case TIMED_OUT -> Outcome.TIMED_OUT;
            case ERROR -> Outcome.ERROR;
        };
    }
}
