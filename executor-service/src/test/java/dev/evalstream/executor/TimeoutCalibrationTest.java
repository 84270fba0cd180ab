package dev.evalstream.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Result;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calibrated time limits measured with the real sandbox (python3 under bubblewrap). */
class TimeoutCalibrationTest {
    static InProcessRegistry registry;
    static AvroCodec<Sample> codec;
    static Evaluator sandbox;

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

    /** f(x) = x + 1, whose canonical solution first sleeps this long. */
    static Problem sleepy(String task, double sleepSeconds, String hash) {
        return Problem.newBuilder()
                .setDataset(Fixtures.DATASET)
                .setTaskId(task)
                .setPrompt("import time\n\ndef f(x):\n")
                .setEntryPoint("f")
                .setTest("def check(candidate):\n    assert candidate(1) == 2\n")
                .setCanonicalSolution(sleepSeconds > 0 ? "    time.sleep(" + sleepSeconds + ")\n    return x + 1\n"
                        : "    return x + 1\n")
                .setContentHash(hash)
                .build();
    }

    static long limit(TimeoutCalibration c, Problem p) throws Exception {
        OptionalLong l = c.limitFor(p).get(60, TimeUnit.SECONDS);
        assertTrue(l.isPresent(), "a passing canonical solution gives a limit");
        return l.getAsLong();
    }

    @Test
    void aSlowCanonicalSolutionGetsALargerLimitAndNeverLessThanTheFloor() throws Exception {
        TimeoutCalibration c = new TimeoutCalibration(sandbox,
                new TimeoutCalibration.Settings(true, 3, Duration.ofMillis(300), 2));
        long fast = limit(c, sleepy("T/fast", 0, "a".repeat(64)));
        long slow = limit(c, sleepy("T/slow", 0.4, "b".repeat(64)));
        assertTrue(fast >= 300, "floor: " + fast);
        assertTrue(slow >= 3 * 400, "3 x a run that sleeps 400 ms: " + slow);
        assertTrue(slow > fast, fast + " vs " + slow);
        // measured once per problem content: asking again is the cached figure
        assertEquals(slow, limit(c, sleepy("T/slow", 0.4, "b".repeat(64))));
    }

    @Test
    void noCanonicalSolutionOrCalibrationOffMeansTheDefault() throws Exception {
        TimeoutCalibration on = new TimeoutCalibration(sandbox,
                new TimeoutCalibration.Settings(true, 10, Duration.ofSeconds(1), 1));
        Problem none = Problem.newBuilder(sleepy("T/none", 0, "c".repeat(64))).setCanonicalSolution(null).build();
        assertTrue(on.limitFor(none).get(10, TimeUnit.SECONDS).isEmpty());
        Problem wrong = Problem.newBuilder(sleepy("T/wrong", 0, "d".repeat(64)))
                .setCanonicalSolution("    return x\n").build();
        assertTrue(on.limitFor(wrong).get(30, TimeUnit.SECONDS).isEmpty(), "a canonical solution that fails here");
        TimeoutCalibration off = new TimeoutCalibration(sandbox, TimeoutCalibration.Settings.disabled());
        assertTrue(off.limitFor(sleepy("T/off", 0, "e".repeat(64))).get(10, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void aSampleSlowerThanTheCalibratedLimitTimesOutAndResultsCarryTheLimitAndDuration() throws Exception {
        // canonical sleeps 0.2 s: limit = max(100 ms, 2 x ~0.2 s), well under the 3 s default
        Problem p = sleepy("T/calibrated", 0.2, "f".repeat(64));
        RecordingOutbox outbox = new RecordingOutbox();
        TimeoutCalibration calibration = new TimeoutCalibration(sandbox,
                new TimeoutCalibration.Settings(true, 2, Duration.ofMillis(100), 2));
        SampleProcessor processor = new SampleProcessor(codec, new MapProblems().add(p), sandbox, outbox,
                new ProcessorSettings("exec-C", 65536, 16, Duration.ofSeconds(5),
                        Duration.ofSeconds(5)),
                new ExecutorStats(), calibration);
        long limit = limit(calibration, p);
        assertTrue(limit >= 400 && limit < 2000, "calibrated limit " + limit);

        String slow = "    time.sleep(2.5)\n    return x + 1\n"; // passes under the 3 s default, not under the limit
        processor.submit(record(Fixtures.sample(p.getTaskId(), 0, slow).build())).get(60, TimeUnit.SECONDS);
        processor.submit(record(Fixtures.sample(p.getTaskId(), 1, p.getCanonicalSolution()).build()))
                .get(60, TimeUnit.SECONDS);

        Result timedOut = outbox.results.stream().filter(e -> e.getValue().getSampleIndex() == 0).findFirst()
                .orElseThrow().getValue();
        assertEquals(Outcome.TIMED_OUT, timedOut.getOutcome(), timedOut.getDetail());
        assertEquals(limit, timedOut.getTimeoutMs());
        assertTrue(timedOut.getDurationMs() >= limit * 0.9, "ran until the limit: " + timedOut.getDurationMs());
        Result passed = outbox.results.stream().filter(e -> e.getValue().getSampleIndex() == 1).findFirst()
                .orElseThrow().getValue();
        assertEquals(Outcome.PASSED, passed.getOutcome(), passed.getDetail());
        assertEquals(limit, passed.getTimeoutMs());
        assertTrue(passed.getDurationMs() >= 200 && passed.getDurationMs() < limit, "duration " + passed.getDurationMs());
    }

    private long offset;

    private dev.evalstream.executor.SampleRecord record(Sample sample) {
        return new SampleRecord(Topics.SAMPLES, 0, offset++, null, codec.encode(Topics.SAMPLES, sample));
    }
}
