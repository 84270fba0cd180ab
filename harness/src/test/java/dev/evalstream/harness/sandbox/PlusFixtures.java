package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.ExpectedOutputs;
import dev.evalstream.harness.plus.PlusTests;
import java.util.Map;

/** Small evalplus problems for tests: inputs as JSON, outputs recorded from the canonical solution in the sandbox. */
final class PlusFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlusFixtures() {
    }

    /** A problem "def f(...)" whose canonical body is given, its outputs computed by the evaluator. */
    static Problem problem(Evaluator evaluator, String taskId, String dialect, String signature, String canonicalBody,
                           String baseJson, String plusJson, double atol) {
        String entry = signature.substring(0, signature.indexOf('('));
        Problem p = new Problem(taskId, "def " + signature + ":\n", entry, "", canonicalBody, null, Problem.EVALPLUS,
                new PlusTests(dialect, atol, array(baseJson), array(plusJson), null, null));
        return ExpectedOutputs.compute(Map.of(taskId, p), evaluator).get(taskId);
    }

    static Verdict judge(Evaluator evaluator, Problem p, String body) {
        return evaluator.evaluate(p, body).join();
    }

    private static ArrayNode array(String json) {
        try {
            return (ArrayNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
