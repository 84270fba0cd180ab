package dev.evalstream.executor;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.schemas.serde.RegistryPatience;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns one samples record into exactly one output: a Result, or a DeadLetter with the reason
 * the sample could not be run. At most {@code maxInFlight} records are between acceptance and
 * the broker's acknowledgement of their output; {@link #submit} blocks while that many are,
 * which is the executor's backpressure. The returned stage completes once the output is
 * acknowledged, and fails only when nothing could be published (the record must then be
 * redelivered, never committed).
 */
public final class SampleProcessor {
    static final String PYTHON = "python";

    private final AvroCodec<Sample> samples;
    private final ProblemLookup problems;
    private final Outbox outbox;
    private final ProcessorSettings settings;
    private final ExecutorStats stats;
    private final Evaluator evaluator;
    private final RegistryPatience registry;
    private final TimeoutCalibration calibration;
    private final RunnableProblems runnable = new RunnableProblems();
    private final PlusCalibration plusCalibration;
    private final Semaphore inFlight;
    private final InFlight watch = new InFlight();
    private volatile boolean closing;

    public SampleProcessor(AvroCodec<Sample> samples, ProblemLookup problems, Evaluator evaluator, Outbox outbox,
                           ProcessorSettings settings, ExecutorStats stats) {
        this(samples, problems, evaluator, outbox, settings, stats,
                new TimeoutCalibration(evaluator, TimeoutCalibration.Settings.disabled()));
    }

    public SampleProcessor(AvroCodec<Sample> samples, ProblemLookup problems, Evaluator evaluator, Outbox outbox,
                           ProcessorSettings settings, ExecutorStats stats, TimeoutCalibration calibration) {
        this(samples, problems, evaluator, outbox, settings, stats, calibration, false);
    }

    /** @param scalePlusLimits whether evalplus problems' canonical times are scaled to this executor (PlusCalibration) */
    public SampleProcessor(AvroCodec<Sample> samples, ProblemLookup problems, Evaluator evaluator, Outbox outbox,
                           ProcessorSettings settings, ExecutorStats stats, TimeoutCalibration calibration,
                           boolean scalePlusLimits) {
        this.calibration = calibration;
        this.plusCalibration = new PlusCalibration(evaluator, runnable, scalePlusLimits);
        this.samples = samples;
        this.problems = problems;
        this.outbox = outbox;
        this.settings = settings;
        this.stats = stats;
        this.evaluator = evaluator;
        this.registry = new RegistryPatience(settings.registryPatience());
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /** Accepts a record once a place is free (blocking until then) and processes it asynchronously. */
    public CompletableFuture<Void> submit(SampleRecord record) {
        if (closing) {
            return CompletableFuture.failedFuture(new ShuttingDown());
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        stats.accepted();
        long token = watch.admitted(record);
        CompletableFuture<Void> done;
        try {
            done = process(record);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.whenComplete((ok, failure) -> {
            watch.done(token);
            inFlight.release();
            stats.finished();
        });
    }

    private CompletableFuture<Void> process(SampleRecord record) {
        // the registry down says nothing of the bytes: wait for it (bounded), never dead-letter for it
        return registry.callAsync("decoding a sample", () -> CompletableFuture.completedFuture(
                        samples.decode(record.topic(), record.value())))
                .handle((sample, failed) -> {
                    if (failed == null) {
                        return process(record, sample);
                    }
                    Throwable failure = RegistryPatience.unwrapped(failed);
                    if (RegistryClient.RegistryException.isOutage(failure)) {
                        return CompletableFuture.<Void>failedFuture(failure); // redelivered later
                    }
                    return deadLetter(record, "undecodable Sample: " + DeadLetters.reason(failure), lostByKey(record));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<Void> process(SampleRecord record, Sample sample) {
        Optional<String> malformed = SampleChecks.malformed(sample);
        if (malformed.isPresent()) {
            return deadLetter(record, malformed.get(), lostByKey(record));
        }
        return problemOf(sample).thenCompose(lookup -> {
            if (lookup.problem().isEmpty()) {
                return deadLetter(record, "unknown task " + sample.getTaskId() + " in dataset " + sample.getDataset()
                        + (lookup.caughtUp() ? "" : " (problem catalog not caught up within "
                        + settings.catalogWait().toMillis() + " ms)"), lost(sample));
            }
            Problem problem = lookup.problem().get();
            if (!PYTHON.equalsIgnoreCase(problem.getLanguage())) {
                return deadLetter(record, "task " + sample.getTaskId() + " is in " + problem.getLanguage()
                        + "; this executor runs python only", lost(sample));
            }
            if (RunnableProblems.isEvalPlus(problem)) {
                try {
                    runnable.plusTests(problem);
                } catch (IllegalArgumentException e) {
                    return deadLetter(record, e.getMessage(), lost(sample));
                }
            }
            Optional<String> oversized = SampleChecks.oversized(sample.getCompletion(), settings.maxCompletionBytes());
            if (oversized.isPresent()) {
                return publish(sample, new Verdict(Verdict.Kind.FAILED, oversized.get(), 0, 0));
            }
            return evaluate(sample, problem);
        });
    }

    private record Lookup(Optional<Problem> problem, boolean caughtUp) {
    }

    /** A task not yet known may have been published just before its samples: wait (bounded) for the catalog. */
    private CompletableFuture<Lookup> problemOf(Sample sample) {
        Optional<Problem> now = problems.find(sample.getDataset(), sample.getTaskId());
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(new Lookup(now, true));
        }
        return problems.caughtUp().toCompletableFuture()
                .thenApply(ignored -> true) // a stage of our own: the timeout must not touch a shared one
                .orTimeout(settings.catalogWait().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, timeout) -> new Lookup(problems.find(sample.getDataset(), sample.getTaskId()),
                        timeout == null));
    }

    private CompletableFuture<Void> evaluate(Sample sample, Problem problem) {
        if (RunnableProblems.isEvalPlus(problem)) { // per-input limits from the published canonical times, scaled here
            return plusCalibration.scaleFor(problem)
                    .thenCompose(scale -> evaluate(sample, runnable.of(problem, problem.getTimeoutMs(), scale)));
        }
        if (problem.getTimeoutMs() != null) { // a limit published with the problem wins over our own measurement
            return evaluate(sample, runnable.of(problem, problem.getTimeoutMs(), 1.0));
        }
        return calibration.limitFor(problem).thenCompose(limit ->
                evaluate(sample, runnable.of(problem, limit.isPresent() ? limit.getAsLong() : null, 1.0)));
    }

    /** Runs the sample under the problem's limits; the Result carries the limits and the run's time. */
    private CompletableFuture<Void> evaluate(Sample sample, dev.evalstream.harness.data.Problem runnable) {
        return run(runnable, sample.getCompletion(), sample.getWholeProgram()).thenCompose(verdict -> {
            if (closing && verdict.kind() == Verdict.Kind.ERROR) {
                return CompletableFuture.failedFuture(new ShuttingDown());
            }
            if (verdict.attempts() > 1) {
                stats.retried(verdict.attempts() - 1);
            }
            return publish(sample, verdict);
        });
    }

    private CompletableFuture<Void> publish(Sample sample, Verdict verdict) {
        Result result = Results.of(sample, verdict, verdict.attempts(), settings.instanceId());
        return registry.callAsync("publishing a result", () ->
                        outbox.result(Keys.task(sample.getRunId(), sample.getTaskId()), result).toCompletableFuture())
                .thenRun(() -> stats.published(result.getOutcome()));
    }

    /**
     * One evaluation. The sandbox already ran it again while its infrastructure failed (the one
     * retry layer, shared with `evalctl check`); an ERROR verdict here is final and published as
     * such. The evaluator promises never to fail; should it break that promise, the fault is an
     * ERROR verdict too.
     */
    private CompletableFuture<Verdict> run(dev.evalstream.harness.data.Problem problem, String code,
                                           boolean wholeProgram) {
        try {
            return evaluator.evaluate(problem, code, wholeProgram)
                    .exceptionally(t -> new Verdict(Verdict.Kind.ERROR, DeadLetters.reason(t), 0, 0));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Verdict(Verdict.Kind.ERROR, DeadLetters.reason(e), 0, 0));
        }
    }

    /** The record in flight longest (health reports it past the slow-after bound), if any is. */
    public java.util.Optional<InFlight.Oldest> oldestInFlight() {
        return watch.oldest();
    }

    /**
     * Called as shutdown begins. The sandbox is torn down concurrently, and an ERROR it causes
     * says nothing about the sample: such samples fail instead of being published, so their
     * offsets stay uncommitted and another instance (or the next start) runs them again.
     */
    public void close() {
        closing = true;
    }

    /** A sample left for redelivery because this instance is stopping. */
    public static final class ShuttingDown extends IllegalStateException {
        ShuttingDown() {
            super("executor shutting down: sample left uncommitted for redelivery");
        }
    }

    /** A well-formed sample that cannot be run is a lost sample of its run: the scorer counts it. */
    private static DeadLetters.Lost lost(Sample sample) {
        return DeadLetters.Lost.sample(sample.getRunId(), sample.getTaskId(), sample.getSampleIndex());
    }

    /** A sample that cannot be read stands for the identity its key names, when the key is a sample key. */
    private static DeadLetters.Lost lostByKey(SampleRecord record) {
        return DeadLetters.Lost.ofKey(keyText(record), false).orElse(null);
    }

    private static String keyText(SampleRecord record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private CompletableFuture<Void> deadLetter(SampleRecord record, String reason, DeadLetters.Lost lost) {
        String key = keyText(record);
        DeadLetter letter = DeadLetters.of(DeadLetters.Origin.EXECUTOR, record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reason, lost);
        return registry.callAsync("publishing a dead letter", () -> outbox.deadLetter(key, letter).toCompletableFuture())
                .thenRun(stats::deadLettered);
    }
}
