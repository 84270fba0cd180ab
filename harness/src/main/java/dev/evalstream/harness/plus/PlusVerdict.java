package dev.evalstream.harness.plus;

import dev.evalstream.harness.Verdict;
import java.util.List;

/**
 * The verdict on an evalplus problem's plus test set, beside the base verdict that
 * {@link Verdict#kind()} gives: plus passes when every base and every plus input passes.
 *
 * @param kind          PASSED, FAILED or TIMED_OUT (the base verdict's ERROR never gets here)
 * @param baseFailTests JSON array of the failing base inputs as evalplus's eval_results.json lists
 *                      them (the first failing one: a run stops there), "[]" when none failed
 * @param plusFailTests the same for plus inputs ("[]" when base failed: plus inputs did not run)
 * @param timeLimitsMs  the per-input limits the run used, base inputs then plus inputs
 */
public record PlusVerdict(Verdict.Kind kind, String baseFailTests, String plusFailTests, List<Long> timeLimitsMs) {
    /** Cap on each failing-inputs document (an input may be huge: HumanEval/80's are ~1 KB each, some far more). */
    public static final int FAIL_TESTS_CAP = 16 * 1024;

    public PlusVerdict {
        timeLimitsMs = List.copyOf(timeLimitsMs);
    }

    public boolean passed() {
        return kind == Verdict.Kind.PASSED;
    }
}
