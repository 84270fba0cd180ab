package dev.evalstream.harness.plus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.PythonJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The trusted programs the sandbox's judge runs for an evalplus problem: plus_oracle.py (the
 * comparison rules, beside this class) and one call with the problem's data. The data (inputs,
 * expected outputs, limits) goes only to the judge: the sample's process gets prompt + completion.
 */
public final class PlusOracle {
    private static final String SOURCE = load();
    /**
     * MBPP+ tasks whose outputs (re.Match objects) evalplus checks only for "is not None"
     * (_special_oracle.py): a Match cannot cross as plain data, so the sample's side calls the
     * entry point through {@link #NOT_NONE_WRAPPER}, which answers a bool (a bool output as is).
     */
    static final Set<String> NOT_NONE = Set.of("check_str", "text_match_three", "text_starta_endb");
    static final String NOT_NONE_WRAPPER = "_evalstream_not_none";

    private PlusOracle() {
    }

    /** What the sample's process runs: its program, and for the not-None tasks the wrapper. */
    public static String untrusted(Problem problem, String program) {
        if (!notNone(problem)) {
            return program;
        }
        return program + "\n\n\ndef " + NOT_NONE_WRAPPER + "(*args):\n    out = " + problem.entryPoint()
                + "(*args)\n    return out if isinstance(out, bool) else out is not None\n";
    }

    private static boolean notNone(Problem problem) {
        return PlusTests.MBPP.equals(problem.plusTests().dialect()) && NOT_NONE.contains(problem.entryPoint());
    }

    /** Judges a sample: every base then plus input, each under its limit, stopping at the first failure. */
    public static String judge(Problem problem, List<Long> limitsMs) {
        PlusTests t = problem.plusTests();
        if (!t.computed()) {
            throw new IllegalStateException(problem.taskId() + ": expected outputs not computed (ExpectedOutputs.compute)");
        }
        ObjectNode data = data(problem);
        t.expected().forEach(data.putArray("expected")::add);
        limitsMs.forEach(data.putArray("limits_ms")::add);
        return program("_ep_judge", candidate(problem), data);
    }

    /** Publication: records the canonical solution's output and time on every input. */
    public static String record(Problem problem) {
        return program("_ep_record", candidate(problem), data(problem));
    }

    private static String candidate(Problem problem) {
        return notNone(problem) ? NOT_NONE_WRAPPER : problem.entryPoint();
    }

    private static ObjectNode data(Problem problem) {
        PlusTests t = problem.plusTests();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("dialect", t.dialect());
        o.put("task", taskNumber(problem.taskId()));
        o.put("entry", problem.entryPoint());
        o.put("atol", t.atol());
        o.set("base_input", t.baseInput());
        o.set("plus_input", t.plusInput());
        return o;
    }

    /** MBPP's conversions are keyed by task number: "Mbpp/2" is 2; -1 when there is none. */
    static int taskNumber(String taskId) {
        String tail = taskId.substring(taskId.lastIndexOf('/') + 1);
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String program(String function, String entryPoint, ObjectNode data) {
        // inner JSON is ASCII only (ensure_ascii), so the Python literal around it needs no surrogate care
        String literal = PythonJson.dumps(TextNode.valueOf(PythonJson.dumps(data)));
        return SOURCE + "\n" + function + "(" + entryPoint + ", " + literal + ")\n";
    }

    private static String load() {
        try (InputStream in = PlusOracle.class.getResourceAsStream("plus_oracle.py")) {
            if (in == null) {
                throw new IllegalStateException("plus_oracle.py is missing from the harness jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
