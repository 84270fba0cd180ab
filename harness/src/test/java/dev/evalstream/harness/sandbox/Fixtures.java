package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared problem, host probes and the "slot still works" check for the sandbox tests. */
final class Fixtures {
    static final Problem ADD = new Problem("t/0", "def add(a, b):\n", "add",
            "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n", "    return a + b\n");
    static final String CORRECT = "    return a + b\n";

    private Fixtures() {
    }

    static Verdict run(Evaluator evaluator, String completion) {
        return evaluator.evaluate(ADD, completion).orTimeout(60, TimeUnit.SECONDS).join();
    }

    static Verdict run(Evaluator evaluator, Problem problem, String completion) {
        return evaluator.evaluate(problem, completion).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** The next sample on the slot runs normally. */
    static void assertSlotWorks(Evaluator evaluator) {
        Verdict next = run(evaluator, CORRECT);
        assertEquals("passed", next.result(), "next sample after an adversarial one: " + next);
        Verdict wrong = run(evaluator, "    return a - b\n");
        assertEquals("failed: ", wrong.result(), "next failing sample: " + wrong);
    }

    /** Host processes (in any pid namespace) running as one of the given uids. */
    static List<Long> processesOf(int fromUid, int toUidExclusive) {
        List<Long> found = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(dir.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            int uid = Integer.parseInt(line.split("\\s+")[1]);
                            if (uid >= fromUid && uid < toUidExclusive) {
                                found.add(Long.parseLong(name));
                            }
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    static void assertNoProcessesOf(SandboxOptions options) {
        List<Long> left = processesOf(options.uidBase(), options.uidBase() + options.slots());
        assertTrue(left.isEmpty(), "sample processes left behind: " + left);
    }

    static Path humanEvalFile() {
        String dir = System.getenv("HUMANEVAL_DIR");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("HUMANEVAL_DIR is not set: point it at the directory holding HumanEval.jsonl.gz");
        }
        Path file = Path.of(dir, "HumanEval.jsonl.gz");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("HUMANEVAL_DIR=" + dir + " has no readable HumanEval.jsonl.gz");
        }
        return file;
    }

    /** A file of the public data sets under EVALSTREAM_DATASETS (humanevalplus/, mbpp/, samples/). */
    static Path dataset(String relative) {
        String dir = System.getenv("EVALSTREAM_DATASETS");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("EVALSTREAM_DATASETS is not set: point it at the folder holding humanevalplus/ and mbpp/");
        }
        Path file = Path.of(dir, relative);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("EVALSTREAM_DATASETS=" + dir + " has no readable " + relative);
        }
        return file;
    }
}
