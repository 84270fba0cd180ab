package dev.evalstream.evalctl.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.catalog.DatasetFiles;
import dev.evalstream.events.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.sandbox.SandboxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing an evalplus set: expected outputs computed once in the real sandbox, carried by the events, cached. */
class ExpectedOutputsStepTest {
    static final Path HUMANEVAL_PLUS = Path.of(System.getenv(DatasetFiles.MIRROR_ENV), "humanevalplus/HumanEvalPlus.jsonl.gz");

    @TempDir
    Path dir;

    /** The first lines of HumanEval+, as a test-local file (read from the shared folder, never kept). */
    Path firstProblems(int count) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(HUMANEVAL_PLUS)), StandardCharsets.UTF_8))) {
            for (String line; lines.size() < count && (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return Files.write(dir.resolve("HumanEvalPlus-" + count + ".jsonl"), lines);
    }

    @Test
    void eventsCarryTheFormatAndComputedPlusTestsAndTheCacheServesThemAgain() throws IOException {
        Path file = firstProblems(3);
        var read = Problems.read(file);
        StringWriter notes = new StringWriter();
        PrintWriter err = new PrintWriter(notes, true);
        ExpectedOutputsStep step = new ExpectedOutputsStep(dir.resolve("cache"), SandboxOptions.defaults().withSlots(2), err);
        Dataset first = Dataset.of(file, read, step::apply);
        assertEquals("evalplus", first.format());
        assertEquals(1, computations(notes), "computed once: " + notes);
        for (Problem p : first.problems()) {
            assertEquals("evalplus", p.getFormat());
            PlusTests tests = PlusTests.fromJson(p.getPlusTests());
            assertTrue(tests.computed(), p.getTaskId());
            assertEquals(tests.inputs(), tests.expected().size());
            assertTrue(tests.canonicalMs().stream().allMatch(ms -> ms >= 0));
        }
        // a sandbox that cannot start: only the cache can answer, and it does, with the same events
        ExpectedOutputsStep cachedOnly = new ExpectedOutputsStep(dir.resolve("cache"),
                SandboxOptions.defaults().withPython(dir.resolve("no-python")), err);
        Dataset again = Dataset.of(file, read, cachedOnly::apply);
        assertEquals(first, again);
        assertEquals(1, computations(notes));
        EvalctlException e = assertThrows(EvalctlException.class, () -> Dataset.of(file, read,
                new ExpectedOutputsStep(dir.resolve("empty-cache"), SandboxOptions.defaults().withPython(dir.resolve("no-python")),
                        err)::apply));
        assertEquals(ExitCodes.ENVIRONMENT, e.exitCode(), e.getMessage());
    }

    private static long computations(StringWriter notes) {
        return notes.toString().lines().filter(l -> l.startsWith("Computing expected outputs")).count();
    }

    @Test
    void theSetsNameDependsOnItsInputsNotOnMeasuredTimes() throws IOException {
        Path file = firstProblems(2);
        var read = Problems.read(file);
        String uncomputed = Dataset.of(file, read).name();
        var p0 = read.values().iterator().next();
        var timed = new java.util.LinkedHashMap<>(read);
        timed.put(p0.taskId(), p0.withPlusTests(p0.plusTests().withCanonical(
                java.util.Collections.nCopies(p0.plusTests().inputs(), "x"), java.util.Collections.nCopies(p0.plusTests().inputs(), 1.0))));
        assertEquals(uncomputed, Dataset.of(file, timed).name(), "outputs and times are not part of the name");
        var fewer = new java.util.LinkedHashMap<>(read);
        fewer.put(p0.taskId(), p0.withPlusTests(new PlusTests(p0.plusTests().dialect(), p0.plusTests().atol(),
                p0.plusTests().baseInput(), p0.plusTests().baseInput(), null, null)));
        assertNotEquals(uncomputed, Dataset.of(file, fewer).name(), "other plus inputs are another set");
    }
}
