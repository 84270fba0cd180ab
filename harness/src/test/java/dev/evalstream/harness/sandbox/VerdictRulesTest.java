package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import org.junit.jupiter.api.Test;

/** The verdict rules on their own, including reports no well-behaved child sends. */
class VerdictRulesTest {

    /** In-process design: the sample's own process reports. */
    private static Verdict judge(String report, String detail, boolean nonceOk, int violations, Integer exit, boolean deadline) {
        return VerdictRules.judge(new WorkerReport(report, detail, false, nonceOk, violations, exit, deadline, 12.5, true, ""), 3000);
    }

    /** Proven design: the judge reports; the sample's exit does not matter (it is killed after the verdict). */
    private static Verdict judged(String report, String detail, boolean proven, Integer exit, boolean deadline) {
        return VerdictRules.judge(new WorkerReport(report, detail, true, proven, 0, exit, deadline, 12.5, true, ""), 3000);
    }

    @Test
    void aJudgedPassNeedsTheJudgesProofBeforeTheDeadline() {
        assertEquals(Kind.PASSED, judged("P", "", true, null, false).kind());
        assertEquals(Kind.FAILED, judged("P", "", false, null, false).kind());
        assertEquals(Kind.FAILED, judged("P", "", true, null, true).kind());
        assertEquals("failed: sandbox: add() returned a Foo object, which is not plain data",
                judged("F", "sandbox: add() returned a Foo object, which is not plain data", false, null, false).result());
        assertEquals("timed out", judged(null, "", false, 0, false).result());
        assertEquals("exited with status 0 before check() returned", judged(null, "", false, 0, false).detail());
        assertEquals(Kind.ERROR, judged("E", "the judge process ended", false, null, false).kind());
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
