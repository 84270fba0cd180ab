package dev.evalstream.evalctl.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sampling;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {
    static final Path HUMANEVAL = Path.of(System.getenv("HUMANEVAL_DIR"));
    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void promptsCoverEveryIndexOnceInChunks() {
        Map<String, Problem> problems = Problems.read(HUMANEVAL.resolve("HumanEval.jsonl.gz"));
        Dataset dataset = Dataset.of(Path.of("HumanEval.jsonl.gz"), problems);
        Submission s = Submission.ofPrompts(spec(25, 10, "replay"), dataset, NOW);
        assertEquals(164 * 3, s.prompts().size());
        List<Prompt> first = s.prompts().subList(0, 3);
        assertEquals(List.of(0, 10, 20), first.stream().map(Prompt::getSampleStart).toList());
        assertEquals(List.of(10, 20, 25), first.stream().map(Prompt::getSampleEnd).toList());
        assertTrue(first.stream().allMatch(p -> p.getTaskId().equals("HumanEval/0")));
        int covered = s.prompts().stream().mapToInt(p -> p.getSampleEnd() - p.getSampleStart()).sum();
        assertEquals(164 * 25, covered);
        assertEquals(164L * 25, s.run().getSamplesTotal());
        assertEquals(164, s.run().getProblemCount());
        assertEquals(problems.keySet().stream().toList(), s.run().getTaskIds(), "the run names its tasks for the scorer");
        assertEquals(25, s.run().getN());
        assertEquals("replay", s.run().getBackend());
        // the generator never sees tests: a prompt is only the problem's prompt
        assertEquals(problems.get("HumanEval/0").prompt(), first.get(0).getPrompt());
        assertTrue(s.samples().isEmpty());
    }

    @Test
    void chunkLargerThanNGivesOnePromptPerTask() {
        Dataset dataset = Dataset.of(HUMANEVAL.resolve("example_problem.jsonl"), Problems.read(HUMANEVAL.resolve("example_problem.jsonl")));
        Submission s = Submission.ofPrompts(spec(3, 10, "openai"), dataset, NOW);
        assertEquals(1, s.prompts().size());
        assertEquals(0, s.prompts().get(0).getSampleStart());
        assertEquals(3, s.prompts().get(0).getSampleEnd());
        assertThrows(IllegalArgumentException.class, () -> Submission.ofPrompts(spec(3, 0, "openai"), dataset, NOW));
    }

    @Test
    void samplesKeepFileOrderAndPerTaskIndexes() throws IOException {
        Path problemsFile = dir.resolve("p.jsonl");
        Files.writeString(problemsFile, problem("a") + "\n" + problem("b") + "\n");
        Path samplesFile = dir.resolve("s.jsonl");
        Files.writeString(samplesFile, sample("a") + "\n" + sample("b") + "\n" + sample("a") + "\n" + sample("a") + "\n");
        Map<String, Problem> problems = Problems.read(problemsFile);
        List<SampleLine> lines = Samples.read(samplesFile, problems);
        Submission s = Submission.ofSamples(spec(1, 10, "ignored"), Dataset.of(problemsFile, problems), lines, NOW);
        assertEquals(List.of(0, 0, 1, 2), s.samples().stream().map(x -> x.getSampleIndex()).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), s.samples().stream().map(x -> x.getPosition()).toList());
        assertEquals("samples", s.run().getBackend());
        assertEquals(3, s.run().getN());
        assertEquals(4L, s.run().getSamplesTotal());
        assertTrue(s.prompts().isEmpty());
        assertTrue(s.samples().stream().noneMatch(x -> x.getWholeProgram()), "completions are appended to the prompt");
    }

    @Test
    void anEvalPlusSolutionLineBecomesAWholeProgramSample() throws IOException {
        Path problemsFile = dir.resolve("p.jsonl");
        Files.writeString(problemsFile, problem("a") + "\n");
        Path samplesFile = dir.resolve("s.jsonl");
        Files.writeString(samplesFile, "{\"task_id\": \"a\", \"solution\": \"def f():\\n    return 1\\n\"}\n"
                + sample("a") + "\n");
        Map<String, Problem> problems = Problems.read(problemsFile);
        Submission s = Submission.ofSamples(spec(1, 10, "ignored"), Dataset.of(problemsFile, problems),
                Samples.read(samplesFile, problems), NOW);
        assertEquals("def f():\n    return 1\n", s.samples().get(0).getCompletion());
        assertTrue(s.samples().get(0).getWholeProgram(), "the executor must run a solution without the prompt");
        assertFalse(s.samples().get(1).getWholeProgram());
    }

    @Test
    void datasetNameIsStemPlusContentHashAndStable() throws IOException {
        Map<String, Problem> problems = Problems.read(HUMANEVAL.resolve("HumanEval.jsonl.gz"));
        Dataset a = Dataset.of(HUMANEVAL.resolve("HumanEval.jsonl.gz"), problems);
        assertTrue(a.name().matches("HumanEval-[0-9a-f]{64}"), "the whole sha-256, not a prefix one can collide with: " + a.name());
        assertEquals(a.name(), Dataset.of(HUMANEVAL.resolve("HumanEval.jsonl.gz"), Problems.read(HUMANEVAL.resolve("HumanEval.jsonl.gz"))).name());
        assertEquals(64, a.problems().get(0).getContentHash().length());
        assertTrue(a.problems().stream().allMatch(p -> p.getDataset().equals(a.name())));
        Map<String, Problem> changed = new LinkedHashMap<>(problems);
        Problem p0 = problems.get("HumanEval/0");
        changed.put("HumanEval/0", new Problem(p0.taskId(), p0.prompt(), p0.entryPoint(), p0.test() + "\n", p0.canonicalSolution()));
        assertNotEquals(a.name(), Dataset.of(HUMANEVAL.resolve("HumanEval.jsonl.gz"), changed).name());
        Map<String, Problem> swapped = new LinkedHashMap<>();
        Problem p1 = problems.get("HumanEval/1");
        swapped.put("HumanEval/1", new Problem("HumanEval/1", p0.prompt(), p0.entryPoint(), p0.test(), p0.canonicalSolution()));
        swapped.put("HumanEval/0", new Problem("HumanEval/0", p1.prompt(), p1.entryPoint(), p1.test(), p1.canonicalSolution()));
        Map<String, Problem> firstTwo = new LinkedHashMap<>();
        firstTwo.put("HumanEval/0", p0);
        firstTwo.put("HumanEval/1", p1);
        Path file = HUMANEVAL.resolve("HumanEval.jsonl.gz");
        assertNotEquals(Dataset.of(file, firstTwo).name(), Dataset.of(file, swapped).name(),
                "the same problems under swapped task ids would swap their tests under one name");
    }

    @Test
    void runIdsAreSlugTimeAndSuffix() {
        String id = RunIds.generate("Meta/CodeLlama 7B|Instruct", NOW);
        assertTrue(id.matches("meta-codellama-7b-instruct-20250102-030405-[0-9a-f]{6}"), id);
        assertNotEquals(id, RunIds.generate("Meta/CodeLlama 7B|Instruct", NOW));
        assertEquals("run", RunIds.slug("|||"));
        assertEquals(RunIds.MAX_SLUG, RunIds.slug("x".repeat(100)).length());
        assertEquals("gpt-4o-mini-2024", RunIds.slug("--GPT_4o mini: 2024--"));
    }

    private static Submission.Spec spec(int n, int chunk, String backend) {
        return new Submission.Spec("run-1", "m", backend, Map.of(), Sampling.newBuilder().build(), n, List.of(1, 10), chunk);
    }

    private static String problem(String id) {
        return "{\"task_id\": \"" + id + "\", \"prompt\": \"def f():\\n\", \"entry_point\": \"f\", \"test\": \"def check(c): pass\"}";
    }

    private static String sample(String id) {
        return "{\"task_id\": \"" + id + "\", \"completion\": \"    return 1\"}";
    }
}
