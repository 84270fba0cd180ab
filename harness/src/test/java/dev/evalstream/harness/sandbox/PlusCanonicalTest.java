package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.plus.ExpectedOutputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * HumanEval+ (evalplus v0.1.10): every canonical solution's outputs are recorded in the sandbox,
 * and then the same solution, judged as a sample, passes base and plus on every task.
 */
class PlusCanonicalTest {

    @Test
    void everyHumanEvalPlusCanonicalSolutionPassesBaseAndPlus() {
        Map<String, Problem> read = Problems.read(Fixtures.dataset("humanevalplus/HumanEvalPlus.jsonl.gz"));
        assertEquals(164, read.size());
        SandboxOptions options = SandboxOptions.defaults().withUidBase(64100);
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            long start = System.nanoTime();
            Map<String, Problem> problems;
            try {
                problems = ExpectedOutputs.compute(read, evaluator);
            } catch (ExpectedOutputs.CanonicalFailure e) {
                throw new AssertionError(String.join("\n", e.failures()), e);
            }
            System.out.printf("HumanEval+ expected outputs computed in %.1f s%n", (System.nanoTime() - start) / 1e9);
            List<CompletableFuture<Verdict>> futures = new ArrayList<>();
            for (Problem p : problems.values()) {
                futures.add(evaluator.evaluate(p, p.canonicalSolution()));
            }
            Map<String, String> notPassed = new LinkedHashMap<>();
            int i = 0;
            for (Problem p : problems.values()) {
                Verdict v = futures.get(i++).join();
                if (!v.passed() || v.plus() == null || !v.plus().passed()) {
                    notPassed.put(p.taskId(), v.result() + " / " + v.detail() + " / " + v.plus());
                }
            }
            assertTrue(notPassed.isEmpty(), notPassed.size() + " canonical solutions not passing: " + notPassed);
        }
        Fixtures.assertNoProcessesOf(options);
    }
}
