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
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samples that carry evalplus's whole-program "solution" (whole_program set) through the processor
 * and the real sandbox: the executor runs the text without the prompt. The same text taken as a
 * completion is appended to the prompt and breaks, which is what happened before the field existed.
 */
class WholeProgramProcessingTest {
    /** A whole program as evalplus's samples carry it: the function, not the prompt. */
    static final String SOLUTION = "def add(a, b):\n    return a + b\n";

    static InProcessRegistry registry;
    static AvroCodec<Sample> codec;
    static Evaluator sandbox;
    final RecordingOutbox outbox = new RecordingOutbox();
    final MapProblems problems = new MapProblems();
    long offset;

    @BeforeAll
    static void start() throws Exception {
        registry = new InProcessRegistry();
        codec = AvroCodec.forValues(Sample.class, registry.url());
        sandbox = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(2));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        registry.close();
    }

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

    /** A human-eval-format problem whose prompt is a bare header: a whole program appended to it is mis-indented. */
    static dev.evalstream.events.Problem header() {
        return Fixtures.event(new Problem("Mbpp/901", "def add(a, b):\n", "add",
                "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n",
                "    return a + b\n"));
    }

    Result judge(dev.evalstream.events.Problem problem, boolean wholeProgram) throws Exception {
        problems.add(problem);
        Sample sample = Fixtures.sample(problem.getTaskId(), 0, SOLUTION).setWholeProgram(wholeProgram).build();
        new SampleProcessor(codec, problems, sandbox, outbox, new ProcessorSettings("exec-W", 65536, 16,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), new ExecutorStats())
                .submit(new SampleRecord(Topics.SAMPLES, 0, offset++, null, codec.encode(Topics.SAMPLES, sample)))
                .get(60, TimeUnit.SECONDS);
        assertEquals(0, outbox.deadLetters.size(), () -> "dead letters: " + outbox.deadLetters);
        return outbox.results.get(outbox.results.size() - 1).getValue();
    }

    @Test
    void anEvalPlusSolutionPassesBaseAndPlusAsAWholeProgram() throws Exception {
        Result r = judge(mbppPlus(), true);
        assertEquals(Outcome.PASSED, r.getOutcome(), r.getDetail());
        assertEquals(Outcome.PASSED, r.getPlusOutcome());
    }

    @Test
    void theSameTextTakenAsACompletionOfTheMbppPlusPromptFails() throws Exception {
        Result r = judge(mbppPlus(), false);
        assertEquals(Outcome.FAILED, r.getOutcome(), r.getDetail());
        assertEquals(Outcome.FAILED, r.getPlusOutcome());
    }

    @Test
    void onAHumanEvalFormatProblemTooTheWholeProgramRunsWithoutThePrompt() throws Exception {
        dev.evalstream.events.Problem problem = header();
        assertEquals(Outcome.PASSED, judge(problem, true).getOutcome());
        Result asCompletion = judge(problem, false);
        assertEquals(Outcome.FAILED, asCompletion.getOutcome(), asCompletion.getDetail());
    }
}
