package dev.evalstream.harness.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.plus.PlusVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * evalplus's eval_results.json: {"date", "hash", "eval": {task_id: [{task_id, solution,
 * base_status, plus_status, base_fail_tests, plus_fail_tests}, ...]}}, samples of a task in
 * their order. Statuses are evalplus's words: "pass", "fail", "timeout". Runs stop at the first
 * failing input, so each fail list holds that one input, as evalplus's default (fast check) does;
 * when base failed, plus inputs did not run: plus_status is "fail" and its list empty.
 */
public final class EvalPlusResults {
    /** One judged sample: the program that ran (prompt + completion, or the solution) and its verdicts. */
    public record Entry(String taskId, String solution, Verdict.Kind base, PlusVerdict plus) {
    }

    private EvalPlusResults() {
    }

    /** Where evalplus writes results for a samples file "x.jsonl": "x.eval_results.json" beside it. */
    public static Path beside(Path samplesFile) {
        String name = samplesFile.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return samplesFile.resolveSibling(stem + ".eval_results.json");
    }

    public static ObjectNode document(String date, String hash, List<Entry> entries) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("date", date);
        doc.put("hash", hash);
        ObjectNode eval = doc.putObject("eval");
        for (Entry e : entries) {
            ArrayNode task = eval.has(e.taskId()) ? (ArrayNode) eval.get(e.taskId()) : eval.putArray(e.taskId());
            ObjectNode o = task.addObject();
            o.put("task_id", e.taskId());
            o.put("solution", e.solution());
            o.put("base_status", status(e.base()));
            o.put("plus_status", e.plus() == null ? null : status(e.plus().kind()));
            o.set("base_fail_tests", tests(e.plus() == null ? "[]" : e.plus().baseFailTests()));
            o.set("plus_fail_tests", tests(e.plus() == null ? "[]" : e.plus().plusFailTests()));
        }
        return doc;
    }

    /** evalplus's word for a verdict. */
    public static String status(Verdict.Kind kind) {
        return switch (kind) {
            case PASSED -> "pass";
            case TIMED_OUT -> "timeout";
            case FAILED, ERROR -> "fail";
        };
    }

    public static void write(Path file, ObjectNode document) throws IOException {
        Files.writeString(file, PythonJson.dumps(document), StandardCharsets.UTF_8);
    }

    private static JsonNode tests(String json) {
        try {
            return JsonLines.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failing inputs are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
