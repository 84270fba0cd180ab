package dev.evalstream.harness.plus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * An evalplus problem's tests: its base and plus inputs (as the file gives them, JSON), the float
 * tolerance, and once computed, the canonical solution's output and time per input. Travels in
 * the Problem event's plus_tests field as {@link #toJson()}; nothing but the harness reads it.
 *
 * @param dialect     "humaneval" (HumanEval+) or "mbpp" (MBPP+): which of evalplus's input
 *                    conversions and special checks apply
 * @param expected    per input (base then plus), the canonical output as the judge stores it
 *                    (plain data, or a digest when large); null until computed
 * @param canonicalMs per input, the canonical solution's time; null until measured
 */
public record PlusTests(String dialect, double atol, ArrayNode baseInput, ArrayNode plusInput,
                        List<String> expected, List<Double> canonicalMs) {
    public static final String HUMANEVAL = "humaneval";
    public static final String MBPP = "mbpp";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public PlusTests {
        if (!HUMANEVAL.equals(dialect) && !MBPP.equals(dialect)) {
            throw new IllegalArgumentException("plus tests of unknown dialect '" + dialect + "'");
        }
        expected = expected == null ? null : List.copyOf(expected);
        canonicalMs = canonicalMs == null ? null : List.copyOf(canonicalMs);
        int n = baseInput.size() + plusInput.size();
        if ((expected != null && expected.size() != n) || (canonicalMs != null && canonicalMs.size() != n)) {
            throw new IllegalArgumentException("plus tests need one expected output and one time per input (" + n + ")");
        }
    }

    public int inputs() {
        return baseInput.size() + plusInput.size();
    }

    public boolean computed() {
        return expected != null && canonicalMs != null;
    }

    /** The same tests with the canonical solution's outputs and times. */
    public PlusTests withCanonical(List<String> outputs, List<Double> times) {
        return new PlusTests(dialect, atol, baseInput, plusInput, outputs, times);
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1);
        o.put("dialect", dialect);
        o.put("atol", atol);
        o.set("base_input", baseInput);
        o.set("plus_input", plusInput);
        if (expected != null) {
            expected.forEach(o.putArray("expected")::add);
        }
        if (canonicalMs != null) {
            canonicalMs.forEach(o.putArray("canonical_ms")::add);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} wrote; IllegalArgumentException for anything else. */
    public static PlusTests fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            if (o == null || !o.isObject() || o.path("v").asInt() != 1
                    || !o.path("base_input").isArray() || !o.path("plus_input").isArray()) {
                throw new IllegalArgumentException("plus_tests is not version 1 of the harness's document");
            }
            return new PlusTests(o.path("dialect").asText(), o.path("atol").asDouble(),
                    (ArrayNode) o.get("base_input"), (ArrayNode) o.get("plus_input"),
                    strings(o.get("expected")), doubles(o.get("canonical_ms")));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("plus_tests is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> strings(JsonNode a) {
        if (a == null || !a.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(a.size());
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Double> doubles(JsonNode a) {
        if (a == null || !a.isArray()) {
            return null;
        }
        List<Double> out = new ArrayList<>(a.size());
        a.forEach(n -> out.add(n.asDouble()));
        return out;
    }
}
