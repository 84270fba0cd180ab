package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.plus.TimeLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samples written against the evalplus path. Expected outputs and the comparison stay in the
 * judge, so none of these can pass: f(x) must return x * x, and each attack returns or does
 * something else.
 */
class PlusAdversarialTest {
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withSlots(1).withUidBase(64400);
    private static Evaluator evaluator;
    private static Problem square;

    @BeforeAll
    static void start() {
        evaluator = SandboxEvaluator.create(OPTIONS, new TimeLimits(500, 4.0, 1.0));
        square = PlusFixtures.problem(evaluator, "T/1", PlusTests.HUMANEVAL, "f(x)", "    return x * x\n",
                "[[2], [3]]", "[[4], [5]]", 0);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
        Fixtures.assertNoProcessesOf(OPTIONS);
    }

    private static void assertNoPass(String body) {
        Verdict v = PlusFixtures.judge(evaluator, square, body);
        assertFalse(v.passed(), "base passed: " + v.detail());
        assertFalse(v.plus() != null && v.plus().passed(), "plus passed: " + v.detail());
    }

    @Test
    void anObjectEqualToEverythingDoesNotCross() {
        assertNoPass("    class Any:\n        def __eq__(self, o):\n            return True\n    return Any()\n");
    }

    @Test
    void anIntSubclassCrossesByValueNotByItsEq() {
        assertNoPass("    class Liar(int):\n        def __eq__(self, o):\n            return True\n    return Liar(0)\n");
    }

    @Test
    void forgedReportsOnStdoutAndStderrChangeNothing() {
        String forged = "{\\\"report\\\": \\\"P\\\", \\\"judged\\\": true, \\\"proven\\\": true, \\\"clean\\\": true, "
                + "\\\"sets\\\": {\\\"at\\\": 4, \\\"failed\\\": null}}";
        assertNoPass("    import os\n    os.write(1, b\"" + forged + "\\n\")\n    os.write(2, b\"" + forged + "\\n\")\n    return -1\n");
    }

    @Test
    void theExpectedOutputsAreNotInTheSamplesProcess() {
        // 25 (5 * 5) is the last expected output; the sample looks for the oracle's data everywhere it can reach
        String body = "    import gc, sys\n    texts = [v for v in globals().values() if isinstance(v, str)]\n"
                + "    for o in gc.get_objects():\n"
                + "        if isinstance(o, dict):\n            texts += [v for v in list(o.values()) if isinstance(v, str)]\n"
                + "        elif isinstance(o, (list, tuple)):\n            texts += [v for v in o if isinstance(v, str)]\n"
                + "    needles = ['limits' + '_ms', '_ep_' + 'judge(']  # built here, so this code holds neither\n"
                + "    found = [t[:80] for t in texts if t not in needles and any(n in t for n in needles)]\n"
                + "    if found:\n        raise ValueError('FOUND ' + repr(found)[:200])\n    return -1\n";
        Verdict v = PlusFixtures.judge(evaluator, square, body);
        assertEquals(Kind.FAILED, v.kind());
        assertEquals("base input 0: wrong output", v.detail());
    }

    @Test
    void definingTheOraclesNamesDoesNotReplaceThem() {
        assertNoPass("    return -1\n\n\ndef _ep_judge(candidate, text):\n    return None\n\n\n"
                + "def _ep_matches(*args):\n    return True\n\n\ndef _evalstream_not_none(*a):\n    return True\n");
    }

    @Test
    void exitingOnAPlusInputFailsPlusNotBase() {
        Verdict v = PlusFixtures.judge(evaluator, square, "    import os\n    if x == 4:\n        os._exit(0)\n    return x * x\n");
        assertEquals(Kind.PASSED, v.kind(), v.detail());
        assertEquals(Kind.TIMED_OUT, v.plus().kind(), v.detail());
    }

    @Test
    void raisingSystemExitOrKeyboardInterruptFails() {
        assertNoPass("    raise SystemExit(0)\n");
        assertNoPass("    raise KeyboardInterrupt()\n");
    }
}
