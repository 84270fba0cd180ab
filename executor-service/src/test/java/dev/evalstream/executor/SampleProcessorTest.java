package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor's rules with a scripted evaluator: dead letters, catalog waits, retries, backpressure. */
class SampleProcessorTest {
    static final Problem TASK = Problem.newBuilder().setDataset(Fixtures.DATASET).setTaskId("HumanEval/0")
            .setPrompt("def f():\n").setEntryPoint("f").setTest("def check(c):\n    assert c() == 1\n")
            .setContentHash("0".repeat(64)).build();

    InProcessRegistry registry;
    AvroCodec<Sample> codec;
    RecordingOutbox outbox = new RecordingOutbox();
    MapProblems problems = new MapProblems();
    ScriptedEvaluator evaluator = new ScriptedEvaluator();
    ExecutorStats stats = new ExecutorStats();
    long offset;

    @BeforeEach
    void start() throws Exception {
        registry = new InProcessRegistry();
        codec = AvroCodec.forValues(Sample.class, registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    SampleProcessor processor(int maxCompletionBytes, int maxInFlight, Duration catalogWait) {
        return processor(codec, evaluator, maxCompletionBytes, maxInFlight, catalogWait);
    }

    SampleProcessor processor(AvroCodec<Sample> codec, Evaluator evaluator, int maxCompletionBytes, int maxInFlight,
                              Duration catalogWait) {
        return new SampleProcessor(codec, problems, evaluator, outbox, new ProcessorSettings("exec-test",
                maxCompletionBytes, maxInFlight, catalogWait, Duration.ofSeconds(2)), stats);
    }

    SampleProcessor processor() {
        return processor(65536, 16, Duration.ofSeconds(5));
    }

    SampleRecord record(byte[] value) {
        return new SampleRecord(Topics.SAMPLES, 3, offset++, "run-1|HumanEval/0|0".getBytes(StandardCharsets.UTF_8), value);
    }

    SampleRecord record(Sample sample) {
        return record(codec.encode(Topics.SAMPLES, sample));
    }

    static void await(CompletableFuture<Void> done) throws Exception {
        done.get(20, TimeUnit.SECONDS);
    }

    DeadLetter onlyDeadLetter() {
        assertEquals(0, outbox.results.size(), "no result expected");
        assertEquals(1, outbox.deadLetters.size(), "one dead letter expected");
        return outbox.deadLetters.get(0).getValue();
    }

    @Test
    void bytesThatAreNotAvroBecomeADeadLetterWithReasonAndOrigin() throws Exception {
        SampleRecord bad = record("{\"task_id\": \"HumanEval/0\"}".getBytes(StandardCharsets.UTF_8));
        await(processor().submit(bad));
        DeadLetter letter = onlyDeadLetter();
        assertTrue(letter.getReason().startsWith("undecodable Sample"), letter.getReason());
        assertEquals(Topics.SAMPLES, letter.getSourceTopic());
        assertEquals(3, letter.getSourcePartition());
        assertEquals(bad.offset(), letter.getSourceOffset());
        assertEquals(DeadLetters.Origin.EXECUTOR.service(), letter.getService());
        assertArrayEquals(bad.value(), letter.getValue());
        assertEquals("run-1|HumanEval/0|0", outbox.deadLetters.get(0).getKey());
        assertEquals(1, stats.deadLetters());
        assertEquals(java.util.Optional.of(DeadLetters.Lost.sample("run-1", "HumanEval/0", 0)), DeadLetters.lost(letter),
                "an unreadable sample is the sample its key names, lost");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsTheRecordsFault() throws Exception {
        byte[] unknownId = {0, 0, 0, 3, (byte) 0xE7, 2, 'x'};
        await(processor().submit(record(unknownId)));
        assertTrue(onlyDeadLetter().getReason().contains("undecodable"), onlyDeadLetter().getReason());
    }

    @Test
    void aTruncatedRecordIsDeadLettered() throws Exception {
        byte[] whole = codec.encode(Topics.SAMPLES, Fixtures.sample("HumanEval/0", 0, "    return 1").build());
        await(processor().submit(record(Arrays.copyOf(whole, whole.length - 12))));
        assertTrue(onlyDeadLetter().getReason().startsWith("undecodable Sample"), onlyDeadLetter().getReason());
    }

    @Test
    void aBlankIdentityFieldIsDeadLettered() throws Exception {
        problems.add(TASK);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").setRunId(" ").build())));
        assertEquals("missing field run_id", onlyDeadLetter().getReason());
        assertEquals(0, evaluator.runs.get(), "an unfit sample is never run");
    }

    @Test
    void aRunIdTheScorerWouldRefuseIsNeverRun() throws Exception {
        problems.add(TASK);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").setRunId("a|b").build())));
        assertEquals(EventChecks.runId("a|b").orElseThrow(), onlyDeadLetter().getReason());
        assertEquals(0, evaluator.runs.get());
    }

    @Test
    void anUnknownTaskIsDeadLetteredAfterTheCatalogCaughtUp() throws Exception {
        problems.add(TASK);
        await(processor().submit(record(Fixtures.sample("HumanEval/999", 0, "    return 1").build())));
        String reason = onlyDeadLetter().getReason();
        assertEquals("unknown task HumanEval/999 in dataset " + Fixtures.DATASET, reason);
        assertEquals(java.util.Optional.of(DeadLetters.Lost.sample(Fixtures.sample("HumanEval/999", 0, "").build().getRunId(),
                "HumanEval/999", 0)), DeadLetters.lost(onlyDeadLetter()), "the scorer counts it lost, from the sample itself");
    }

    @Test
    void aTaskPublishedJustBeforeItsSamplesIsFoundByCatchingUp() throws Exception {
        problems.addLate(TASK);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").build())));
        assertEquals(0, outbox.deadLetters.size());
        assertEquals(1, outbox.results.size());
    }

    @Test
    void waitingForACatalogThatDoesNotCatchUpIsBounded() throws Exception {
        problems.neverCatchesUp = true;
        long start = System.nanoTime();
        await(processor(65536, 16, Duration.ofMillis(300))
                .submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").build())));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(onlyDeadLetter().getReason().contains("not caught up within 300 ms"), onlyDeadLetter().getReason());
        assertTrue(ms >= 250 && ms < 5000, "waited " + ms + " ms");
    }

    @Test
    void aCompletionOverTheCapIsScoredFailedUnrunCountingUtf8Bytes() throws Exception {
        // the model's output, not a loss: dead-lettering it would shrink the task's n and lift pass@k
        problems.add(TASK);
        SampleProcessor processor = processor(1024, 16, Duration.ofSeconds(5));
        await(processor.submit(record(Fixtures.sample("HumanEval/0", 0, "x".repeat(1024)).build())));
        await(processor.submit(record(Fixtures.sample("HumanEval/0", 1, "€".repeat(341)).build()))); // 1023 bytes
        assertEquals(2, outbox.results.size());
        assertEquals(2, evaluator.runs.get());

        await(processor.submit(record(Fixtures.sample("HumanEval/0", 2, "x".repeat(1025)).build())));
        await(processor.submit(record(Fixtures.sample("HumanEval/0", 3, "€".repeat(342)).build()))); // 1026 bytes
        assertEquals(0, outbox.deadLetters.size());
        assertEquals(4, outbox.results.size());
        assertEquals(2, evaluator.runs.get(), "not run");
        Result over = outbox.results.get(2).getValue();
        assertEquals(Outcome.FAILED, over.getOutcome());
        assertEquals(2, over.getSampleIndex());
        assertEquals("failed: sandbox: a completion of 1025 bytes is over the executor's limit of 1024; not run", over.getDetail());
        assertEquals("failed: sandbox: a completion of 1026 bytes is over the executor's limit of 1024; not run",
                outbox.results.get(3).getValue().getDetail());
    }

    @Test
    void theRunsTheSandboxTookAreReported() throws Exception {
        problems.add(TASK);
        evaluator.attempts = 2; // a slot fault, then a verdict on a fresh server
        evaluator.then(Verdict.Kind.FAILED);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 2").build())));
        Result result = outbox.results.get(0).getValue();
        assertEquals(Outcome.FAILED, result.getOutcome());
        assertEquals(2, result.getAttempts());
        assertEquals(1, stats.retries());
        assertEquals(1, evaluator.runs.get(), "the executor does not retry on top of the sandbox");
    }

    @Test
    void anErrorVerdictIsPublishedAsErrorNotRetriedOnTop() throws Exception {
        problems.add(TASK);
        evaluator.attempts = 3; // the sandbox's bounded runs all failed
        evaluator.then(Verdict.Kind.ERROR, Verdict.Kind.PASSED);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").build())));
        Result result = outbox.results.get(0).getValue();
        assertEquals(Outcome.ERROR, result.getOutcome());
        assertEquals(3, result.getAttempts());
        assertEquals(1, evaluator.runs.get());
        assertEquals("error: slot died", result.getDetail());
    }

    @Test
    void submitBlocksWhileTheInFlightLimitIsReached() throws Exception {
        problems.add(TASK);
        evaluator.hold = true;
        SampleProcessor processor = processor(65536, 3, Duration.ofSeconds(5));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            done.add(processor.submit(record(Fixtures.sample("HumanEval/0", i, "    return 1").build())));
        }
        SampleRecord fourth = record(Fixtures.sample("HumanEval/0", 3, "    return 1").build());
        CompletableFuture<CompletableFuture<Void>> admitted = new CompletableFuture<>();
        Thread submitter = new Thread(() -> admitted.complete(processor.submit(fourth)), "test-submitter");
        submitter.start(); // its own thread: a blocked common-pool thread would stall unrelated stages
        Thread.sleep(300);
        assertFalse(admitted.isDone(), "a fourth sample must wait for a free place");
        assertEquals(3, stats.inFlight());
        InFlight.Oldest oldest = processor.oldestInFlight().orElseThrow();
        assertEquals(3, oldest.inFlight());
        assertEquals(Topics.SAMPLES + "-3@" + (offset - 4), oldest.where(), "the first admitted is the oldest");
        assertTrue(oldest.age().toMillis() >= 300, oldest.age().toString());

        evaluator.hold = false;
        evaluator.releaseAll();
        await(admitted.get(10, TimeUnit.SECONDS));
        for (CompletableFuture<Void> d : done) {
            await(d);
        }
        assertEquals(4, outbox.results.size());
        assertEquals(0, stats.inFlight());
        assertTrue(processor.oldestInFlight().isEmpty(), "nothing in flight once every output is acknowledged");
    }

    @Test
    void whenNothingCanBePublishedTheRecordFailsSoItIsNotCommitted() {
        problems.add(TASK);
        outbox.refuse = new IllegalStateException("broker gone");
        CompletableFuture<Void> done = processor().submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").build()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
        assertEquals("broker gone", e.getCause().getMessage());
        assertEquals(0, stats.inFlight(), "the place is freed even on failure");
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFault() {
        problems.add(TASK);
        byte[] good = codec.encode(Topics.SAMPLES, Fixtures.sample("HumanEval/0", 0, "    return 1").build());
        AvroCodec<Sample> cut = AvroCodec.forValues(Sample.class, "http://127.0.0.1:9"); // nothing listens on discard
        CompletableFuture<Void> done = processor(cut, evaluator, 65536, 16, Duration.ofSeconds(5)).submit(record(good));
        assertThrows(ExecutionException.class, () -> done.get(30, TimeUnit.SECONDS));
        assertEquals(0, outbox.deadLetters.size(), "good bytes must be redelivered, not dead-lettered");
    }

    @Test
    void aRegistryThatComesBackWithinThePatienceCostsAPauseNotTheSample() throws Exception {
        problems.add(TASK);
        byte[] good = codec.encode(Topics.SAMPLES, Fixtures.sample("HumanEval/0", 0, "    return 1").build());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        AvroCodec<Sample> late = AvroCodec.forValues(Sample.class, "http://127.0.0.1:" + port);
        SampleProcessor patient = new SampleProcessor(late, problems, evaluator, outbox, new ProcessorSettings("exec-test",
                65536, 16, Duration.ofSeconds(5), Duration.ofSeconds(20)), stats);
        CompletableFuture<InProcessRegistry> back = CompletableFuture.supplyAsync(() -> {
            try {
                InProcessRegistry registry = new InProcessRegistry(port); // a registry restarted: the same schema gets id 1 again
                AvroCodec.forValues(Sample.class, registry.url()).encode(Topics.SAMPLES, Fixtures.sample("HumanEval/0", 1, "").build());
                return registry;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS)); // after the client's own retries (about 3 s) gave up
        try {
            patient.submit(record(good)).get(30, TimeUnit.SECONDS);
        } finally {
            back.get(10, TimeUnit.SECONDS).close();
        }
        assertEquals(1, outbox.results.size(), "decoded once the registry answered, then run and published");
        assertEquals(0, outbox.deadLetters.size());
    }

    @Test
    void afterCloseAnErrorIsLeftForRedeliveryButARealVerdictIsPublished() throws Exception {
        problems.add(TASK);
        evaluator.hold = true;
        SampleProcessor processor = processor(65536, 16, Duration.ofSeconds(5));
        CompletableFuture<Void> erred = processor.submit(record(Fixtures.sample("HumanEval/0", 0, "    return 1").build()));
        CompletableFuture<Void> passed = processor.submit(record(Fixtures.sample("HumanEval/0", 1, "    return 1").build()));
        processor.close();
        evaluator.held.get(0).complete(new Verdict(Verdict.Kind.ERROR, "slot torn down", 0, 3000));
        evaluator.held.get(1).complete(new Verdict(Verdict.Kind.PASSED, null, 1, 3000));
        ExecutionException e = assertThrows(ExecutionException.class, () -> erred.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SampleProcessor.ShuttingDown, e.toString());
        await(passed);
        assertEquals(1, outbox.results.size());
        assertEquals(1, outbox.results.get(0).getValue().getSampleIndex());
        assertTrue(processor.submit(record(Fixtures.sample("HumanEval/0", 2, "    return 1").build())).isCompletedExceptionally(),
                "nothing new is accepted after close");
    }

    @Test
    void theResultKeyIsRunAndTask() throws Exception {
        problems.add(TASK);
        await(processor().submit(record(Fixtures.sample("HumanEval/0", 5, "    return 1").build())));
        assertEquals(Keys.task(Fixtures.RUN, "HumanEval/0"), outbox.results.get(0).getKey());
    }

    static void assertArrayEquals(byte[] expected, java.nio.ByteBuffer actual) {
        byte[] bytes = new byte[actual.remaining()];
        actual.duplicate().get(bytes);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, bytes);
    }
}
