package dev.evalstream.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemsAndSamplesTest {
    static final Path HUMANEVAL = Path.of(requireEnv("HUMANEVAL_DIR"));

    @TempDir
    Path dir;

    static String requireEnv(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set: run the tests through Maven");
        }
        return v;
    }

    @Test
    void readsAllOfHumanEvalFromGzip() {
        Map<String, Problem> problems = Problems.read(HUMANEVAL.resolve("HumanEval.jsonl.gz"));
        assertEquals(164, problems.size());
        assertEquals("HumanEval/0", problems.keySet().iterator().next());
        Problem p = problems.get("HumanEval/163");
        assertEquals("generate_integers", p.entryPoint());
        assertEquals(true, p.test().contains("def check(candidate)"));
    }

    @Test
    void readsTheExampleFiles() {
        Map<String, Problem> problems = Problems.read(HUMANEVAL.resolve("example_problem.jsonl"));
        List<SampleLine> samples = Samples.read(HUMANEVAL.resolve("example_samples.jsonl"), problems);
        assertEquals(6, samples.size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), samples.stream().map(SampleLine::sampleIndex).toList());
        assertEquals("    return 1", samples.get(3).completion());
        assertEquals("    return 1", problems.get("test/0").canonicalSolution());
    }

    @Test
    void missingFieldNamesFileLineAndField() throws IOException {
        Path file = write("samples.jsonl", "{\"task_id\": \"a\", \"completion\": \"x\"}", "", "{\"task_id\": \"a\"}");
        DataFileException e = assertThrows(DataFileException.class, () -> Samples.read(file));
        assertEquals(file + ":3: field \"completion\" is missing", e.getMessage());
        assertEquals(3, e.line());
        assertEquals("completion", e.field());
    }

    @Test
    void wrongTypeAndNullAreNamed() throws IOException {
        Path file = write("samples.jsonl", "{\"task_id\": 7, \"completion\": \"x\"}");
        assertEquals(file + ":1: field \"task_id\" is not a string (a number)",
                assertThrows(DataFileException.class, () -> Samples.read(file)).getMessage());
        Path problems = write("problems.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": null, \"test\": \"t\"}");
        assertEquals(problems + ":1: field \"entry_point\" is null",
                assertThrows(DataFileException.class, () -> Problems.read(problems)).getMessage());
    }

    @Test
    void unknownTaskNamesTheLine() throws IOException {
        Path problems = write("p.jsonl", problem("a"), problem("b"));
        Path samples = write("s.jsonl", sample("a", "x"), sample("b", "y"), sample("c", "z"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> Samples.read(samples, Problems.read(problems)));
        assertEquals(samples + ":3: field \"task_id\" names unknown task \"c\"", e.getMessage());
    }

    @Test
    void repeatedProblemAndEmptyFileAreErrors() throws IOException {
        Path twice = write("p.jsonl", problem("a"), problem("b"), problem("a"));
        assertEquals(twice + ":3: field \"task_id\" repeats task \"a\" of line 1",
                assertThrows(DataFileException.class, () -> Problems.read(twice)).getMessage());
        Path empty = write("e.jsonl", "", " ");
        assertEquals(empty + ": holds no problems",
                assertThrows(DataFileException.class, () -> Problems.read(empty)).getMessage());
    }

    @Test
    void optionalCanonicalSolution() throws IOException {
        Path file = write("p.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}");
        assertNull(Problems.read(file).get("a").canonicalSolution());
    }

    @Test
    void unattemptedProblemIsAnError() throws IOException {
        Path problems = write("p.jsonl", problem("a"), problem("b"), problem("c"));
        Path samples = write("s.jsonl", sample("a", "x"), sample("c", "y"));
        Map<String, Problem> set = Problems.read(problems);
        List<SampleLine> lines = Samples.read(samples, set);
        assertEquals(samples + ": 1 of 3 problems have no sample (first: \"b\")",
                assertThrows(DataFileException.class, () -> Samples.requireEveryProblem(samples, lines, set)).getMessage());
    }

    @Test
    void sampleIndexCountsPerTaskAndPositionCountsSamples() throws IOException {
        Path samples = write("s.jsonl", sample("a", "1"), sample("b", "2"), "", sample("a", "3"), sample("b", "4"), sample("a", "5"));
        List<SampleLine> lines = Samples.read(samples);
        assertEquals(List.of(0, 0, 1, 1, 2), lines.stream().map(SampleLine::sampleIndex).toList());
        assertEquals(List.of(0, 1, 2, 3, 4), lines.stream().map(SampleLine::position).toList());
        assertEquals(List.of(1, 2, 4, 5, 6), lines.stream().map(SampleLine::line).toList());
        assertEquals(Map.of("a", 3, "b", 2), Samples.counts(lines));
    }

    @Test
    void resultsKeepEveryFieldInOrderPlusResultAndPassed() throws IOException {
        Path samples = write("my.samples.jsonl",
                "{\"completion\": \"  return 1\", \"task_id\": \"a\", \"logprob\": -1.5, \"meta\": {\"seed\": 3}}",
                "{\"task_id\": \"a\", \"result\": \"stale\", \"completion\": \"x\"}");
        List<SampleLine> lines = Samples.read(samples);
        Path out = ResultsFile.beside(samples);
        assertEquals(dir.resolve("my.samples.jsonl_results.jsonl"), out);
        ResultsFile.write(out, List.of(lines.get(0).withResult("passed", true),
                lines.get(1).withResult("failed: AssertionError", false)));
        // a prior "result" keeps its place and is overwritten, as a Python dict assignment does
        assertEquals("""
                {"completion": "  return 1", "task_id": "a", "logprob": -1.5, "meta": {"seed": 3}, "result": "passed", "passed": true}
                {"task_id": "a", "result": "failed: AssertionError", "completion": "x", "passed": false}
                """, Files.readString(out));
        // and the results file reads back as samples with the same fields
        assertEquals(lines.get(0).withResult("passed", true), Samples.read(out).get(0).fields());
    }

    @Test
    void sampleFieldsAreAPrivateCopy() throws IOException {
        SampleLine line = Samples.read(write("s.jsonl", sample("a", "x"))).get(0);
        line.fields().put("completion", "changed");
        line.withResult("passed", true);
        assertEquals("x", line.fields().get("completion").textValue());
        assertEquals(2, line.fields().size());
    }

    private static String problem(String id) {
        return "{\"task_id\": \"" + id + "\", \"prompt\": \"def f():\\n\", \"entry_point\": \"f\", \"test\": \"def check(c): pass\"}";
    }

    private static String sample(String id, String completion) {
        return "{\"task_id\": \"" + id + "\", \"completion\": \"" + completion + "\"}";
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
