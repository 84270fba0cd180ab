package dev.evalstream.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Sampling;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayBackendTest {
    private final ReplayBackend replay = new ReplayBackend();

    @TempDir
    Path dir;

    static Path humanEvalExampleSamples() {
        String d = System.getenv("HUMANEVAL_DIR");
        if (d == null) {
            throw new IllegalStateException("HUMANEVAL_DIR is not set (the pom passes it to surefire)");
        }
        Path p = Path.of(d, "example_samples.jsonl");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing HumanEval example samples: " + p);
        }
        return p;
    }

    private static GenerationRequest request(String task, int first, int count, Path file) {
        return new GenerationRequest("run-1", "m", task, "def f():\n", Sampling.newBuilder().build(), count, first,
                Map.of(ReplayBackend.FILE_OPTION, file.toString()));
    }

    @Test
    void theIthOccurrenceOfATaskIsSampleIndexI() throws IOException {
        Path file = humanEvalExampleSamples();
        List<String> lines = Files.readAllLines(file);
        List<Completion> all = replay.generate(request("test/0", 0, lines.size(), file));
        assertEquals(6, all.size());
        assertEquals("    return 1", all.get(3).text());
        assertEquals("  return 1", all.get(4).text());
        List<Completion> tail = replay.generate(request("test/0", 4, 2, file));
        assertEquals(List.of("  return 1", "\treturn 1"), tail.stream().map(Completion::text).toList());
    }

    @Test
    void interleavedTasksAndGzipFiles() throws IOException {
        String jsonl = """
                {"task_id": "A/0", "completion": "a0"}
                {"task_id": "B/0", "completion": "b0"}

                {"task_id": "A/0", "completion": "a1\\ndef helper(): pass", "extra": 3}
                """;
        Path gz = dir.resolve("s.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(jsonl.getBytes(StandardCharsets.UTF_8));
        }
        List<Completion> a = replay.generate(request("A/0", 0, 2, gz));
        // verbatim: a replay scores as the same file would with --samples
        assertEquals(List.of("a0", "a1\ndef helper(): pass"), a.stream().map(Completion::text).toList());
        assertEquals("b0", replay.generate(request("B/0", 0, 1, gz)).get(0).text());
    }

    @Test
    void anEvalPlusSolutionIsReplayedAsAWholeProgramAndACompletionWins() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, """
                {"task_id": "Mbpp/2", "solution": "def f():\\n    return 1\\n"}
                {"task_id": "Mbpp/2", "completion": "    return 2\\n", "solution": "ignored"}
                """);
        List<Completion> all = replay.generate(request("Mbpp/2", 0, 2, file));
        assertEquals("def f():\n    return 1\n", all.get(0).text());
        assertTrue(all.get(0).wholeProgram());
        assertEquals("    return 2\n", all.get(1).text(), "as evalctl reads it: completion first");
        assertFalse(all.get(1).wholeProgram());
    }

    @Test
    void aMissingIndexOrTaskIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, "{\"task_id\": \"A/0\", \"completion\": \"a0\"}\n");
        BackendException index = assertThrows(BackendException.class, () -> replay.generate(request("A/0", 0, 2, file)));
        assertTrue(index.getMessage().contains("sample index 1 of task A/0"), index.getMessage());
        BackendException task = assertThrows(BackendException.class, () -> replay.generate(request("Z/9", 0, 1, file)));
        assertTrue(task.getMessage().contains("task Z/9 not in samples file"), task.getMessage());
    }

    @Test
    void missingFileOrOptionOrBadLinesAreErrors() throws IOException {
        assertThrows(BackendException.class, () -> replay.generate(request("A/0", 0, 1, dir.resolve("absent.jsonl"))));
        assertThrows(BackendException.class, () -> replay.generate(new GenerationRequest("run-1", "m", "A/0", "p",
                Sampling.newBuilder().build(), 1, 0, Map.of())));
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"task_id\": \"A/0\"}\n");
        BackendException e = assertThrows(BackendException.class, () -> replay.generate(request("A/0", 0, 1, bad)));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void anEditedFileIsReadAgain() throws IOException, InterruptedException {
        Path file = dir.resolve("s.jsonl");
        Files.writeString(file, "{\"task_id\": \"A/0\", \"completion\": \"old\"}\n");
        assertEquals("old", replay.generate(request("A/0", 0, 1, file)).get(0).text());
        Files.writeString(file, "{\"task_id\": \"A/0\", \"completion\": \"newer text\"}\n");
        assertEquals("newer text", replay.generate(request("A/0", 0, 1, file)).get(0).text());
    }
}
