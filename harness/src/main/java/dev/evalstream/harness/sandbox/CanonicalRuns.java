package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.plus.CanonicalRun;
import java.util.ArrayList;
import java.util.List;

/** A canonical solution's recording run, read: one output and one time per input, or why not. */
final class CanonicalRuns {
    private CanonicalRuns() {
    }

    static CanonicalRun of(Verdict run, JsonNode sets, int inputs) {
        if (!run.passed()) {
            return failed("the canonical solution did not run on every input: " + run.result());
        }
        JsonNode expected = sets == null ? null : sets.get("expected");
        JsonNode times = sets == null ? null : sets.get("canonical_ms");
        if (expected == null || times == null || !expected.isArray() || !times.isArray()
                || expected.size() != inputs || times.size() != inputs) {
            return failed("the oracle recorded no output for some input");
        }
        List<String> outputs = new ArrayList<>(inputs);
        List<Double> ms = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            outputs.add(expected.get(i).asText());
            ms.add(times.get(i).asDouble());
        }
        return new CanonicalRun(outputs, ms, null);
    }

    private static CanonicalRun failed(String why) {
        return new CanonicalRun(List.of(), List.of(), why);
    }
}
