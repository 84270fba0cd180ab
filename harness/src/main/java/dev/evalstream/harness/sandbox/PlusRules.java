package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.Verdict.Kind;
import dev.evalstream.harness.data.PythonJson;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.plus.PlusVerdict;
import java.util.List;

/**
 * Base and plus verdicts of an evalplus problem, from the judge's report and what its oracle
 * recorded. The oracle's progress ("at": inputs before it passed; "failed": the input that did
 * not) lives in the judge, so the sample cannot forge it; {@link VerdictRules} still decide
 * everything about the run itself (tampering, set-up faults, silent ends).
 */
final class PlusRules {
    private PlusRules() {
    }

    static Verdict judge(WorkerReport r, long timeoutMs, PlusTests tests, List<Long> limitsMs) {
        Verdict run = VerdictRules.judge(r, timeoutMs);
        if (run.kind() == Kind.ERROR) {
            return run;
        }
        int base = tests.baseInput().size();
        JsonNode sets = r.sets();
        boolean recorded = sets != null && sets.path("at").isInt();
        if (run.passed() && !recorded) {
            return new Verdict(Kind.ERROR, "sandbox: the evalplus oracle recorded nothing", run.durationMs(), timeoutMs);
        }
        int at = recorded ? sets.get("at").asInt() : 0;
        Kind stop = run.kind(); // what ended a run the oracle did not finish: failed, timed out, silent end
        String why = run.detail();
        if (run.passed()) {
            if (!sets.path("failed").isInt()) {
                return run.withPlus(new PlusVerdict(Kind.PASSED, "[]", "[]", limitsMs));
            }
            stop = Kind.FAILED;
            why = sets.path("why").asText("");
        }
        if (recorded && at >= base) { // every base input passed before the run stopped
            return new Verdict(Kind.PASSED, "plus input " + (at - base) + ": " + why, run.durationMs(), timeoutMs, 1)
                    .withPlus(new PlusVerdict(stop, "[]", failing(tests.plusInput(), at - base), limitsMs));
        }
        String detail = recorded ? "base input " + at + ": " + why : why;
        String baseFail = recorded ? failing(tests.baseInput(), at) : "[]";
        return new Verdict(stop, detail, run.durationMs(), timeoutMs, 1)
                .withPlus(new PlusVerdict(stop, baseFail, "[]", limitsMs));
    }

    /** evalplus's failing-inputs list: the one input the run stopped at, or a note when it is too big to keep. */
    private static String failing(ArrayNode inputs, int index) {
        if (index < 0 || index >= inputs.size()) {
            return "[]";
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode().add(inputs.get(index));
        String json = PythonJson.dumps(list);
        if (json.length() <= PlusVerdict.FAIL_TESTS_CAP) {
            return json;
        }
        return PythonJson.dumps(JsonNodeFactory.instance.arrayNode()
                .add("input " + index + " (" + json.length() + " bytes of JSON) is too big to keep"));
    }
}
