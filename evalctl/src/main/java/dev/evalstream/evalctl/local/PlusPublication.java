package dev.evalstream.evalctl.local;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.ExpectedOutputs;
import java.io.PrintWriter;
import java.util.Map;

/** check's first step for evalplus problem sets: the canonical solutions' outputs, computed in the sandbox. */
public final class PlusPublication {
    private PlusPublication() {
    }

    public static Map<String, Problem> expectedOutputs(Map<String, Problem> problems, Evaluator evaluator, PrintWriter err) {
        long plus = problems.values().stream().filter(Problem::isEvalPlus).count();
        if (plus == 0) {
            return problems;
        }
        err.println("Computing expected outputs of " + plus + " evalplus problems (their canonical solutions, in the sandbox)...");
        err.flush();
        long start = System.nanoTime();
        try {
            Map<String, Problem> computed = ExpectedOutputs.compute(problems, evaluator);
            err.printf("Expected outputs computed in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return computed;
        } catch (ExpectedOutputs.CanonicalFailure e) {
            throw new EvalctlException(ExitCodes.DATA, "cannot judge these problems: " + String.join("; ", e.failures()), e);
        }
    }
}
