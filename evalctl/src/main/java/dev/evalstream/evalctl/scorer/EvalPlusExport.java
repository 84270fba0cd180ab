package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.EvalPlusResults;
import dev.evalstream.harness.plus.PlusVerdict;
import dev.evalstream.schemas.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streamed run as evalplus's eval_results.json (the harness's EvalPlusResults writes the shape):
 * the scorer's base and plus verdicts with the failing inputs, and each sample's program as it ran
 * (prompt + completion). Samples with no verdict (lost on the way) have no entry.
 */
public final class EvalPlusExport {
    private EvalPlusExport() {
    }

    /**
     * @param samples by SampleReader.id(task, index), read back from the samples topic
     * @param prompts by task id, the run's problems
     */
    public static ObjectNode document(String date, String datasetHash, List<SampleVerdict> verdicts,
                                      Map<String, Sample> samples, Map<String, String> prompts) {
        List<EvalPlusResults.Entry> entries = new ArrayList<>();
        for (SampleVerdict v : verdicts) {
            Verdict.Kind base = kind(v.outcome());
            if (base == null) {
                continue;
            }
            Sample s = samples.get(Keys.task(v.taskId(), String.valueOf(v.sampleIndex())));
            String solution = s == null ? null
                    : s.getWholeProgram() ? s.getCompletion() : prompts.getOrDefault(v.taskId(), "") + s.getCompletion();
            PlusVerdict plus = v.plusOutcome() == null ? null : new PlusVerdict(kind(v.plusOutcome()),
                    orEmpty(v.baseFailTests()), orEmpty(v.plusFailTests()), List.of());
            entries.add(new EvalPlusResults.Entry(v.taskId(), solution, base, plus));
        }
        return EvalPlusResults.document(date, datasetHash, entries);
    }

    /** The harness's verdict kind for an outcome name; null for a sample lost on the way. */
    private static Verdict.Kind kind(String outcome) {
        for (Verdict.Kind k : Verdict.Kind.values()) {
            if (k.name().equals(outcome)) {
                return k;
            }
        }
        return null;
    }

    private static String orEmpty(String json) {
        return json == null ? "[]" : json;
    }
}
