package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.plus.CanonicalRun;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.plus.PlusVerdict;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * evalplus problems on the streaming path, with an evaluator that records what it is given: the
 * plus tests reach the harness with their canonical times scaled to this executor, the Result
 * carries the plus verdict, failing inputs and limits, and unusable plus tests are a dead letter.
 */
class PlusProblemProcessingTest {
    /** Two base inputs and one plus input whose canonical solution took 10, 20 and 30 ms when published. */
    static final PlusTests TESTS = new PlusTests(PlusTests.HUMANEVAL, 0,
            JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.arrayNode().add(1))
                    .add(JsonNodeFactory.instance.arrayNode().add(2)),
            JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.arrayNode().add(3)),
            List.of("1", "2", "3"), List.of(10.0, 20.0, 30.0));

    static Problem task(String plusTests) {
        return Problem.newBuilder().setDataset(Fixtures.DATASET).setTaskId("HumanEval/0")
                .setPrompt("def f(x):\n").setEntryPoint("f").setTest("").setCanonicalSolution("    return x\n")
                .setContentHash("1".repeat(64)).setFormat("evalplus").setPlusTests(plusTests).build();
    }

    /** Canonical runs here take twice the published times; samples fail plus on the plus input. */
    final class Recording implements Evaluator {
        final List<dev.evalstream.harness.data.Problem> judged = new CopyOnWriteArrayList<>();
        int canonicalRuns;

        @Override
        public CompletableFuture<Verdict> evaluate(dev.evalstream.harness.data.Problem problem, String code, boolean whole) {
            judged.add(problem);
            List<Long> limits = problem.plusTests().canonicalMs().stream().map(ms -> Math.max(4000L, (long) (4 * ms))).toList();
            return CompletableFuture.completedFuture(new Verdict(Verdict.Kind.PASSED, null, 2, 3000, 1,
                    new PlusVerdict(Verdict.Kind.FAILED, "[]", "[[3]]", limits)));
        }

        @Override
        public synchronized CompletableFuture<CanonicalRun> runCanonical(dev.evalstream.harness.data.Problem problem) {
            canonicalRuns++;
            return CompletableFuture.completedFuture(new CanonicalRun(List.of("1", "2", "3"), List.of(20.0, 40.0, 60.0), null));
        }

        @Override
        public int slots() {
            return 1;
        }

        @Override
        public void close() {
        }
    }

    InProcessRegistry registry;
    AvroCodec<Sample> codec;
    final RecordingOutbox outbox = new RecordingOutbox();
    final MapProblems problems = new MapProblems();
    final Recording evaluator = new Recording();
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

    SampleProcessor processor(boolean scale) {
        return new SampleProcessor(codec, problems, evaluator, outbox, new ProcessorSettings("exec-test", 65536, 16,
                Duration.ofSeconds(5), Duration.ofSeconds(2)), new ExecutorStats(),
                new TimeoutCalibration(evaluator, TimeoutCalibration.Settings.disabled()), scale);
    }

    void submit(SampleProcessor processor, int index) throws Exception {
        Sample sample = Fixtures.sample("HumanEval/0", index, "    return x\n").build();
        processor.submit(new SampleRecord(Topics.SAMPLES, 0, offset++,
                ("run|HumanEval/0|" + index).getBytes(StandardCharsets.UTF_8), codec.encode(Topics.SAMPLES, sample)))
                .get(20, TimeUnit.SECONDS);
    }

    @Test
    void theHarnessGetsTheCanonicalTimesScaledToThisExecutorAndTheResultTheirVerdicts() throws Exception {
        problems.add(task(TESTS.toJson()));
        SampleProcessor processor = processor(true);
        submit(processor, 0);
        submit(processor, 1);
        assertEquals(1, evaluator.canonicalRuns, "the scale is measured once per problem");
        assertEquals(List.of(20.0, 40.0, 60.0), evaluator.judged.get(0).plusTests().canonicalMs(),
                "twice as slow here as where it was published");
        assertEquals(List.of("1", "2", "3"), evaluator.judged.get(0).plusTests().expected());
        Result r = outbox.results.get(0).getValue();
        assertEquals(Outcome.PASSED, r.getOutcome());
        assertEquals(Outcome.FAILED, r.getPlusOutcome());
        assertEquals("[]", r.getBaseFailTests());
        assertEquals("[[3]]", r.getPlusFailTests());
        assertEquals(List.of(4000L, 4000L, 4000L), r.getTimeLimitsMs());
    }

    @Test
    void withScalingOffThePublishedTimesApplyAsTheyAre() throws Exception {
        problems.add(task(TESTS.toJson()));
        submit(processor(false), 0);
        assertEquals(0, evaluator.canonicalRuns);
        assertEquals(List.of(10.0, 20.0, 30.0), evaluator.judged.get(0).plusTests().canonicalMs());
    }

    @Test
    void plusTestsThatCannotBeUsedAreADeadLetterAndTheExecutorGoesOn() throws Exception {
        problems.add(task("{not json"));
        SampleProcessor processor = processor(true);
        submit(processor, 0);
        assertEquals(0, outbox.results.size());
        String reason = outbox.deadLetters.get(0).getValue().getReason();
        assertTrue(reason.startsWith("plus_tests is not JSON"), reason);

        problems.add(task(TESTS.withCanonical(null, null).toJson()));
        submit(processor, 1);
        assertEquals("evalplus problem HumanEval/0 was published without its expected outputs (plus_tests not computed)",
                outbox.deadLetters.get(1).getValue().getReason());
        assertEquals(0, evaluator.judged.size(), "nothing unusable reaches the sandbox");
    }

    @Test
    void aHumanEvalProblemsResultHasNoPlusFields() throws Exception {
        problems.add(SampleProcessorTest.TASK);
        new SampleProcessor(codec, problems, new ScriptedEvaluator(), outbox, new ProcessorSettings("exec-test", 65536,
                16, Duration.ofSeconds(5), Duration.ofSeconds(2)), new ExecutorStats()).submit(new SampleRecord(
                Topics.SAMPLES, 0, 0, null, codec.encode(Topics.SAMPLES, Fixtures.sample("HumanEval/0", 0, "x").build())))
                .get(20, TimeUnit.SECONDS);
        Result r = outbox.results.get(0).getValue();
        assertNull(r.getPlusOutcome());
        assertNull(r.getTimeLimitsMs());
    }
}
