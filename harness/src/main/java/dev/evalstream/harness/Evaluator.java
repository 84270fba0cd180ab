package dev.evalstream.harness;

import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.CanonicalRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs samples against their problem's hidden tests in the sandbox, several at a time.
 * Used by the executor service and by `evalctl check`, so both give the same verdicts.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Runs prompt + completion + test + check(entry_point) under the sandbox's limits; for an
     * evalplus problem (its expected outputs computed), calls the entry point on every base and
     * then every plus input, stopping at the first failure, and the verdict carries
     * {@link Verdict#plus()}. Never completes exceptionally for anything the sample does: a fault
     * of the infrastructure completes with a {@link Verdict.Kind#ERROR} verdict.
     */
    default CompletableFuture<Verdict> evaluate(Problem problem, String completion) {
        return evaluate(problem, completion, false);
    }

    /**
     * As above; with wholeProgram the code is a whole program (a sample's "solution" field, as
     * evalplus's samples may carry) that runs without the prompt in front.
     */
    CompletableFuture<Verdict> evaluate(Problem problem, String code, boolean wholeProgram);

    /**
     * Publication of an evalplus problem: runs its canonical solution on every input in the
     * sandbox (inputs deep-copied, as evalplus does) and records each output and time, which
     * {@link dev.evalstream.harness.plus.PlusTests#withCanonical} keeps with the problem.
     */
    default CompletableFuture<CanonicalRun> runCanonical(Problem problem) {
        return CompletableFuture.completedFuture(new CanonicalRun(List.of(), List.of(),
                getClass().getSimpleName() + " cannot run canonical solutions"));
    }

    /** How many samples run at once. */
    int slots();

    @Override
    void close();
}
