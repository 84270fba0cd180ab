package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every HumanEval canonical solution passes in the sandbox, as it does in the reference harness. */
class CanonicalSolutionsTest {

    @Test
    void all164CanonicalSolutionsPass() {
        Map<String, Problem> problems = Problems.read(Fixtures.humanEvalFile());
        assertEquals(164, problems.size());
        SandboxOptions options = SandboxOptions.defaults().withUidBase(63100);
        try (Evaluator evaluator = SandboxEvaluator.create(options)) {
            List<CompletableFuture<Verdict>> futures = new ArrayList<>();
            for (Problem p : problems.values()) {
                futures.add(evaluator.evaluate(p, p.canonicalSolution()));
            }
            Map<String, String> notPassed = new LinkedHashMap<>();
            int i = 0;
            for (Problem p : problems.values()) {
                Verdict v = futures.get(i++).join();
                if (!v.passed()) {
                    notPassed.put(p.taskId(), v.result() + " / " + v.detail());
                }
            }
            assertTrue(notPassed.isEmpty(), "canonical solutions not passing: " + notPassed);
        }
        Fixtures.assertNoProcessesOf(options);
    }
}
