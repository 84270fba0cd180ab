package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import org.junit.jupiter.api.Test;

/** The verdict rules on their own, including reports no well-behaved child sends. */
class VerdictRulesTest {

    private static Verdict judge(String report, String detail, boolean nonceOk, int violations, Integer exit, boolean deadline) {
        return VerdictRules.judge(new WorkerReport(report, detail, nonceOk, violations, exit, deadline, 12.5, true, ""), 3000);
    }

    @Test
    void aPassNeedsTheNonceOneReportAndACleanExit() {
        assertEquals(Kind.PASSED, judge("P", "", true, 0, 0, false).kind());
        assertEquals(Kind.FAILED, judge("P", "", false, 0, 0, false).kind());
        assertEquals(Kind.FAILED, judge("P", "", true, 1, 0, false).kind());
        assertEquals(Kind.FAILED, judge("P", "", true, 0, 3, false).kind());
        assertEquals(Kind.FAILED, judge("P", "", true, 0, -9, false).kind());
        assertEquals(Kind.FAILED, judge("P", "", true, 0, null, true).kind());
    }

    @Test
    void failuresCarryTheExceptionTextVerbatim() {
        Verdict v = judge("F", "division by zero", false, 0, 0, false);
        assertEquals("failed: division by zero", v.result());
        assertEquals("failed: ", judge("F", "", false, 0, 0, false).result());
        assertEquals(12.5, v.durationMs());
        assertEquals(3000, v.timeoutMs());
    }

    @Test
    void noResultIsTimedOutAsInHumanEval() {
        assertEquals("timed out", judge("T", "", false, 0, 0, false).result());
        assertEquals("timed out", judge(null, "", false, 0, 0, false).result());
        assertEquals("timed out", judge(null, "", false, 0, -9, false).result());
        assertEquals("timed out", judge(null, "", false, 0, null, true).result());
        assertEquals("killed at the deadline", judge(null, "", false, 0, null, true).detail());
    }

    @Test
    void setupFaultsAreErrorsNeverFailures() {
        assertEquals(Kind.ERROR, judge("E", "cannot join cgroup", false, 0, 70, false).kind());
    }
}
