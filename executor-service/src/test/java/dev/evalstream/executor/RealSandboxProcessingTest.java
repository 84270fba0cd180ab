package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.CanonicalRun;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samples through the processor and the real sandbox (python3 under bubblewrap), whole-program
 * ones (evalplus's "solution", whole_program set) included: those run without the prompt.
 */
class RealSandboxProcessingTest {
    static InProcessRegistry registry;
    static AvroCodec<Sample> codec;
    static Evaluator sandbox;
    static Map<String, Problem> humanEval;
    final RecordingOutbox outbox = new RecordingOutbox();
    final MapProblems problems = new MapProblems();
    long offset;

    @BeforeAll
    static void start() throws Exception {
        registry = new InProcessRegistry();
        codec = AvroCodec.forValues(Sample.class, registry.url());
        sandbox = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(2));
        humanEval = Fixtures.humanEval();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        registry.close();
    }

    SampleProcessor processor() {
        return new SampleProcessor(codec, problems, sandbox, outbox,
                new ProcessorSettings("exec-A", 65536, 16, Duration.ofSeconds(5),
                        Duration.ofSeconds(5)),
                new ExecutorStats());
    }

    SampleRecord record(Sample sample) {
        return new SampleRecord(Topics.SAMPLES, 0, offset++, null, codec.encode(Topics.SAMPLES, sample));
    }

    Result only() {
        assertEquals(0, outbox.deadLetters.size(), () -> "dead letters: " + outbox.deadLetters);
        assertEquals(1, outbox.results.size());
        return outbox.results.get(0).getValue();
    }

    @Test
    void aCanonicalSolutionPassesAndTheResultCarriesTheSamplesIdentity() throws Exception {
        Problem p = humanEval.get("HumanEval/2");
        problems.add(Fixtures.event(p));
        processor().submit(record(Fixtures.sample(p.taskId(), 4, p.canonicalSolution()).build()))
                .get(30, TimeUnit.SECONDS);

        Result r = only();
        assertEquals(Keys.task(Fixtures.RUN, "HumanEval/2"), outbox.results.get(0).getKey());
        assertEquals(Fixtures.RUN, r.getRunId());
        assertEquals("model-a", r.getModel());
        assertEquals(Fixtures.DATASET, r.getDataset());
        assertEquals("HumanEval/2", r.getTaskId());
        assertEquals(4, r.getSampleIndex());
        assertEquals(Outcome.PASSED, r.getOutcome());
        assertEquals("passed", r.getDetail());
        assertEquals(7L, r.getPosition());
        assertEquals(-3.5, r.getSumLogprob());
        assertEquals(-0.25, r.getMeanLogprob());
        assertEquals("exec-A", r.getExecutor());
        assertEquals(1, r.getAttempts());
        assertEquals(SandboxOptions.DEFAULT_TIMEOUT_MS, r.getTimeoutMs());
        assertTrue(r.getDurationMs() > 0, "duration " + r.getDurationMs());
    }

    @Test
    void aWrongCompletionFailsWithHumanEvalsText() throws Exception {
        Problem p = humanEval.get("HumanEval/0");
        problems.add(Fixtures.event(p));
        processor().submit(record(Fixtures.sample(p.taskId(), 0, "    return not True\n").build()))
                .get(30, TimeUnit.SECONDS);
        Result r = only();
        assertEquals(Outcome.FAILED, r.getOutcome());
        assertTrue(r.getDetail().startsWith("failed:"), r.getDetail());
    }

    @Test
    void aLoopTimesOut() throws Exception {
        Problem p = humanEval.get("HumanEval/0");
        problems.add(Fixtures.event(p));
        processor().submit(record(Fixtures.sample(p.taskId(), 0, "    while True:\n        pass\n").build()))
                .get(30, TimeUnit.SECONDS);
        Result r = only();
        assertEquals(Outcome.TIMED_OUT, r.getOutcome());
        assertEquals("timed out", r.getDetail());
    }

    @Test
    void manyCanonicalSolutionsAllPass() throws Exception {
        SampleProcessor processor = processor();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Problem p = humanEval.get("HumanEval/" + i);
            problems.add(Fixtures.event(p));
            done.add(processor.submit(record(Fixtures.sample(p.taskId(), 0, p.canonicalSolution()).build())));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertEquals(40, outbox.results.size());
        assertTrue(outbox.results.stream().allMatch(e -> e.getValue().getOutcome() == Outcome.PASSED),
                () -> outbox.results.stream().filter(e -> e.getValue().getOutcome() != Outcome.PASSED)
                        .map(e -> e.getValue().getTaskId() + ": " + e.getValue().getDetail()).toList().toString());
    }

    /** A whole program as evalplus's samples carry it: the function, not the prompt. */
    static final String SOLUTION = "def add(a, b):\n    return a + b\n";

    /**
     * An MBPP+ problem in evalplus's format: its prompt is a docstring with no trailing newline, so
     * prompt + solution is a syntax error. Expected outputs come from the canonical solution's run in
     * the sandbox, as publication computes them.
     */
    static dev.evalstream.events.Problem mbppPlus() {
        var json = JsonNodeFactory.instance;
        PlusTests tests = new PlusTests(PlusTests.MBPP, 0,
                json.arrayNode().add(json.arrayNode().add(1).add(2)).add(json.arrayNode().add(3).add(4)),
                json.arrayNode().add(json.arrayNode().add(-1).add(1)).add(json.arrayNode().add(1_000_000).add(7)),
                null, null);
        Problem p = new Problem("Mbpp/900", "'''\nWrite a function that adds two numbers.\n'''", "add", "",
                "\n" + SOLUTION, null).withPlusTests(tests);
        CanonicalRun run = sandbox.runCanonical(p).orTimeout(60, TimeUnit.SECONDS).join();
        assertTrue(run.ok(), () -> "canonical run: " + run.failure());
        return dev.evalstream.events.Problem.newBuilder().setDataset(Fixtures.DATASET).setTaskId(p.taskId())
                .setPrompt(p.prompt()).setEntryPoint(p.entryPoint()).setTest(p.test())
                .setCanonicalSolution(p.canonicalSolution()).setContentHash("2".repeat(64)).setFormat(Problem.EVALPLUS)
                .setPlusTests(tests.withCanonical(run.expected(), run.canonicalMs()).toJson()).build();
    }

    /** The solution judged on this problem, as a whole program or as a completion; its Result. */
    Result judgeSolution(dev.evalstream.events.Problem problem, boolean wholeProgram) throws Exception {
        problems.add(problem);
        processor().submit(record(Fixtures.sample(problem.getTaskId(), 0, SOLUTION).setWholeProgram(wholeProgram).build()))
                .get(60, TimeUnit.SECONDS);
        assertEquals(0, outbox.deadLetters.size(), () -> "dead letters: " + outbox.deadLetters);
        return outbox.results.get(outbox.results.size() - 1).getValue();
    }

    @Test
    void anEvalPlusSolutionPassesBaseAndPlusAsAWholeProgram() throws Exception {
        Result r = judgeSolution(mbppPlus(), true);
        assertEquals(Outcome.PASSED, r.getOutcome(), r.getDetail());
        assertEquals(Outcome.PASSED, r.getPlusOutcome());
    }

    @Test
    void theSameTextTakenAsACompletionOfTheMbppPlusPromptFails() throws Exception {
        Result r = judgeSolution(mbppPlus(), false);
        assertEquals(Outcome.FAILED, r.getOutcome(), r.getDetail());
        assertEquals(Outcome.FAILED, r.getPlusOutcome());
    }

    @Test
    void onAHumanEvalFormatProblemTooTheWholeProgramRunsWithoutThePrompt() throws Exception {
        // a bare header for a prompt: the solution appended to it is mis-indented
        dev.evalstream.events.Problem header = Fixtures.event(new Problem("Mbpp/901", "def add(a, b):\n", "add",
                "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n",
                "    return a + b\n"));
        assertEquals(Outcome.PASSED, judgeSolution(header, true).getOutcome());
        Result asCompletion = judgeSolution(header, false);
        assertEquals(Outcome.FAILED, asCompletion.getOutcome(), asCompletion.getDetail());
    }
}
