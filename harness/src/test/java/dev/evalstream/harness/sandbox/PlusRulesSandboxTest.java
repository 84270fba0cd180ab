package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.plus.ExpectedOutputs;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.plus.TimeLimits;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * evalplus's comparison rules as the judge applies them, on real python3 in the sandbox: each
 * case is a canonical solution (its outputs recorded) and candidates that must pass or fail.
 */
class PlusRulesSandboxTest {
    private static final SandboxOptions OPTIONS = SandboxOptions.defaults().withSlots(2).withUidBase(64300);
    /** A short floor, so the timeout cases take a fraction of a second. */
    private static final TimeLimits LIMITS = new TimeLimits(400, 4.0, 1.0);
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = SandboxEvaluator.create(OPTIONS, LIMITS);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
        Fixtures.assertNoProcessesOf(OPTIONS);
    }

    private static Problem he(String signature, String canonical, String base, String plus, double atol) {
        return PlusFixtures.problem(evaluator, "T/0", PlusTests.HUMANEVAL, signature, canonical, base, plus, atol);
    }

    private static Verdict judge(Problem p, String body) {
        return PlusFixtures.judge(evaluator, p, body);
    }

    private static void assertVerdicts(Kind base, Kind plus, Verdict v) {
        assertEquals(base, v.kind(), v.result() + " / " + v.detail());
        assertEquals(plus, v.plus().kind(), v.detail());
    }

    @Test
    void floatsWithinTheToleranceEvalplusEnforcesPassAndBeyondFail() {
        Problem p = he("f(x)", "    return x / 3\n", "[[1.0], [2.0]]", "[[5.0]]", 0);
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    return x / 3 + 1e-9\n"));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(p, "    return x / 3 + 1e-3\n"));
        assertVerdicts(Kind.PASSED, Kind.FAILED, judge(p, "    return x / 3 if x < 3 else 0.0\n"));
    }

    @Test
    void intsBeyondNumpysRangeFailTheToleranceAsEvalplusAllcloseRaises() {
        // HumanEval/137: int(float(10**98)) is within the tolerance of 10**98, but evalplus's
        // np.allclose raises on ints numpy cannot hold, so the input fails; within int64 it passes
        Problem p = he("f(x)", "    return x\n", "[[1], [4611686018427387904]]", "[[" + "1" + "0".repeat(98) + "]]", 1e-6);
        assertVerdicts(Kind.PASSED, Kind.FAILED, judge(p, "    return int(float(x)) if x > 1 << 62 else x + (x > 1)\n"));
    }

    @Test
    void equalityIsPythonsNumbersByValueButListIsNotTuple() {
        Problem p = he("f(x)", "    return (x, x + 1)\n", "[[1]]", "[[2]]", 0);
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    return (float(x), x + 1.0)\n"));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(p, "    return [x, x + 1]\n"));
    }

    @Test
    void largeOutputsAreComparedByDigestExactly() {
        Problem p = he("f(n)", "    return list(range(n))\n", "[[10]]", "[[100000]]", 0);
        assertTrue(p.plusTests().expected().get(1).startsWith("h"), "100000 numbers are kept as a digest");
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    return [i for i in range(n)]\n"));
        assertVerdicts(Kind.PASSED, Kind.FAILED, judge(p, "    return list(range(n - 1)) + [0] if n > 10 else list(range(n))\n"));
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    return [float(i) for i in range(n)]\n"));
    }

    @Test
    void everyCallGetsItsOwnCopyOfTheInput() {
        Problem p = he("f(xs)", "    xs.append(0)\n    return len(xs)\n", "[[[1, 2]], [[1, 2]]]", "[[[1, 2]]]", 0);
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    xs.append(9)\n    return len(xs)\n"));
    }

    @Test
    void perInputLimitsStopTheRunAtTheSlowInputAndAreRecorded() {
        Problem p = he("f(x)", "    return x\n", "[[1], [2]]", "[[3], [4]]", 0);
        Verdict v = judge(p, "    import time\n    if x == 3:\n        time.sleep(30)\n    return x\n");
        assertVerdicts(Kind.PASSED, Kind.FAILED, v);
        assertTrue(v.detail().startsWith("plus input 0: timed out (limit 400 ms)"), v.detail());
        assertEquals(LIMITS.limits(p.plusTests().canonicalMs()), v.plus().timeLimitsMs());
        assertTrue(v.plus().timeLimitsMs().stream().allMatch(l -> l >= 400), "the floor holds");
        assertEquals("[[3]]", v.plus().plusFailTests().replace(" ", ""));
        assertTrue(v.durationMs() < 5000, "stopped at the slow input: " + v.durationMs());
    }

    @Test
    void theRunStopsAtTheFirstFailingInput() {
        Problem p = he("f(x)", "    return x\n", "[[1], [2], [3]]", "[[4]]", 0);
        Verdict v = judge(p, "    import time\n    if x == 1:\n        return 0\n    time.sleep(30)\n");
        assertVerdicts(Kind.FAILED, Kind.FAILED, v);
        assertEquals("base input 0: wrong output", v.detail());
        assertEquals("[[1]]", v.plus().baseFailTests().replace(" ", ""));
        assertTrue(v.durationMs() < 5000, "inputs after the failure did not run: " + v.durationMs());
    }

    @Test
    void humanEval32IsJudgedByItsRootNotByTheCanonicalRoot() {
        Problem raw = Problems.read(Fixtures.dataset("humanevalplus/HumanEvalPlus.jsonl.gz")).get("HumanEval/32");
        Problem real = ExpectedOutputs.compute(Map.of(raw.taskId(), raw), evaluator).get(raw.taskId());
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(real, raw.canonicalSolution()));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(real, "    return 0.0\n"));
        // (x-1)(x-2)(x-3): the canonical search finds one root, bisection on [2.5, 9] another; both pass
        Problem p = he("find_zero(xs)", "    x = 0.0\n    for _ in range(100):\n"
                + "        x -= sum(c * x ** i for i, c in enumerate(xs)) / sum(i * c * x ** (i - 1) for i, c in enumerate(xs) if i)\n"
                + "    return x\n", "[[[-6, 11, -6, 1]]]", "[[[2, -3, 1]]]", 1e-4);
        String bisection = "    f = lambda x: sum(c * x ** i for i, c in enumerate(xs))\n    lo, hi = 2.5, 9.0\n"
                + "    if f(lo) * f(hi) > 0:\n        lo = 1.5\n    for _ in range(100):\n        mid = (lo + hi) / 2\n"
                + "        if f(lo) * f(mid) <= 0:\n            hi = mid\n        else:\n            lo = mid\n    return lo\n";
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, bisection));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(p, "    return 1.5\n"));
    }

    @Test
    void mbppSetTasksCompareAsSetsAndInputsBecomeTuples() {
        Problem p = PlusFixtures.problem(evaluator, "Mbpp/2", PlusTests.MBPP, "similar_elements(a, b)",
                "    return tuple(sorted(set(a) & set(b)))\n", "[[[3, 4, 5, 6], [5, 7, 4, 10]]]", "[[[1, 2], [2, 1]]]", 0);
        String tuplesOnly = "    assert type(a) is tuple and type(b) is tuple\n";
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, tuplesOnly + "    return tuple(sorted(set(a) & set(b), reverse=True))\n"));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(p, "    return (4,)\n"));
    }

    @Test
    void mbppNotNoneTasksPassAnyNonNoneOutput() {
        Problem p = PlusFixtures.problem(evaluator, "Mbpp/737", PlusTests.MBPP, "check_str(s)",
                "    import re\n    return re.search('^[aeiou]', s)\n", "[[\"apple\"], [\"dog\"]]", "[[\"egg\"]]", 0);
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    import re\n    return re.match('[aeiou]', s)\n"));
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, "    return True if s[0] in 'aeiou' else None\n"));
        assertVerdicts(Kind.FAILED, Kind.FAILED, judge(p, "    return 'yes'\n"));
    }

    @Test
    void aWholeProgramSolutionRunsWithoutThePrompt() {
        Problem p = he("f(x)", "    return x * 2\n", "[[1]]", "[[2]]", 0);
        Verdict v = evaluator.evaluate(p, "def f(x):\n    return x + x\n", true).join();
        assertVerdicts(Kind.PASSED, Kind.PASSED, v);
    }

    @Test
    void numpyIsThereWarmWithOneBlasThread() {
        Problem p = he("f(x)", "    return sum(x) / len(x)\n", "[[[1.0, 2.0]]]", "[[[1.0, 2.0, 4.0]]]", 0);
        String body = "    import os, sys\n    assert 'numpy' in sys.modules, 'preloaded'\n    import numpy as np\n"
                + "    assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
                + "    return np.mean(np.array(x))  # a numpy float64 crosses as its Python value\n";
        assertVerdicts(Kind.PASSED, Kind.PASSED, judge(p, body));
    }
}
