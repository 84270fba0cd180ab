package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdicts pinned to what the reference harness (openai/human-eval's check_correctness, timeout
 * 3.0 s, Debian python3 3.11) printed for the same completions of {@link Fixtures#ADD}.
 */
class HumanEvalVerdictsTest {
    private static Evaluator evaluator;

    static Stream<Arguments> pinned() {
        return Map.ofEntries(
                Map.entry("    return a + b\n", "passed"),
                Map.entry("    return a - b\n", "failed: "),
                Map.entry("    raise ValueError('bad input: %d' % a)\n", "failed: bad input: 1"),
                Map.entry("    return {}['k']\n", "failed: 'k'"),
                Map.entry("    return a / 0\n", "failed: division by zero"),
                Map.entry("    return a +\n", "failed: invalid syntax (<string>, line 2)"),
                Map.entry("return a + b\n", "failed: expected an indented block after function definition on line 1 (<string>, line 2)"),
                Map.entry("    return c\n", "failed: name 'c' is not defined"),
                Map.entry("    import time\n    time.sleep(0.5)\n    return a + b\n", "passed"),
                Map.entry("    import time\n    time.sleep(10)\n    return a + b\n", "timed out"),
                Map.entry("    while True:\n        pass\n", "timed out"),
                Map.entry("    print('hello', a, b)\n    return a + b\n", "passed"),
                Map.entry("    print('passed')\n    return 0\n", "failed: "),
                Map.entry("    return int(input())\n", "failed: "),
                Map.entry("    import sys\n    return int(sys.stdin.read())\n", "failed: "),
                Map.entry("    return a + b\nimport sys\nsys.exit(0)\n", "failed: 0"),
                Map.entry("    return a + b\nimport sys\nsys.exit()\n", "failed: "),
                Map.entry("    return a + b\nexit(0)\n", "failed: 'NoneType' object is not callable"),
                Map.entry("    return a + b\nimport os\nos._exit(0)\n", "timed out"),
                Map.entry("    return a + b\nimport os\nos.kill(1, 9)\n", "failed: 'NoneType' object is not callable"),
                Map.entry("    raise KeyboardInterrupt\n", "failed: "),
                Map.entry("    assert a > 100, 'a too small'\n", "failed: a too small"),
                Map.entry("    return add(a, b)\n", "failed: maximum recursion depth exceeded"),
                Map.entry("    return a + b  # π ünïcode\n", "passed"),
                Map.entry("    raise ValueError('naïve π')\n", "failed: naïve π"),
                Map.entry("    return a + b\nif __name__ == '__main__':\n    raise RuntimeError('main')\n", "passed"))
                .entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @BeforeAll
    static void start() {
        evaluator = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(4).withUidBase(63000));
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @ParameterizedTest
    @MethodSource("pinned")
    void verdictMatchesHumanEval(String completion, String expected) {
        Verdict v = Fixtures.run(evaluator, completion);
        assertEquals(expected, v.result(), () -> "completion " + completion + " gave " + v);
        assertEquals(3000, v.timeoutMs());
        if (completion.contains("sleep(10)") || completion.contains("while True")) {
            assertTrue(v.durationMs() >= 2900, "a timeout is measured: " + v);
        }
    }

    @Test
    void problemTimeoutOverridesTheDefault() {
        Problem slow = new Problem("t/1", "def add(a, b):\n", "add", Fixtures.ADD.test(), null, 300L);
        Verdict v = Fixtures.run(evaluator, slow, "    import time\n    time.sleep(0.5)\n    return a + b\n");
        assertEquals("timed out", v.result());
        assertEquals(300, v.timeoutMs());
        assertTrue(v.durationMs() >= 290 && v.durationMs() < 2000, "duration " + v.durationMs());
        Verdict fast = Fixtures.run(evaluator, slow, Fixtures.CORRECT);
        assertEquals("passed", fast.result());
        assertEquals(300, fast.timeoutMs());
    }
}
