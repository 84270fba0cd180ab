package dev.evalstream.evalctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.evalctl.scorer.CompareView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

public class CompareTablesTest {
    // GET /compare as the scorer answers it, with a field evalctl does not know; ks out of order
    public static final String COMPARE = """
            {"a": "run-a", "b": "run-b", "tasks_compared": 3, "extra": true, "pass_at_k": {
               "5": {"a": 0.9, "b": 0.85, "delta": -0.05, "ci_low": -0.2, "ci_high": 0.1, "p_value": 0.2, "tasks": 3},
               "1": {"a": 0.6, "b": 0.4, "delta": -0.2, "ci_low": -0.3, "ci_high": -0.1, "p_value": 0.0031, "tasks": 3},
               "2": {"a": 0.6, "b": 0.7, "delta": 0.1, "ci_low": 0.05, "ci_high": 0.15, "p_value": 0.00002, "tasks": 3}},
             "tasks": [{"task_id": "HumanEval/1", "a": 0.4, "b": 0.8, "a_c": 2, "a_n": 5, "b_c": 4, "b_n": 5},
                       {"task_id": "HumanEval/2", "a": 1.0, "b": 0.0, "a_c": 5, "a_n": 5, "b_c": 0, "b_n": 5},
                       {"task_id": "HumanEval/10", "a": 0.4, "b": 0.4, "a_c": 2, "a_n": 5, "b_c": 2, "b_n": 5}],
             "tasks_improved": ["HumanEval/1"], "tasks_regressed": ["HumanEval/2"],
             "a_complete": true, "b_complete": false, "dataset": "humaneval-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
             "confidence": 0.95}
            """;

    static CompareView view(String json) throws Exception {
        return ScorerClient.JSON.readValue(json, CompareView.class);
    }

    @Test
    void jsonIsTheContractsObjectWithKsInOrderAndNullsKept() throws Exception {
        JsonNode json = ScorerClient.JSON.readTree(CompareTables.compareJson(view(COMPARE)).toString());
        assertEquals(List.of("a", "b", "tasks_compared", "pass_at_k", "tasks", "tasks_improved", "tasks_regressed",
                "a_complete", "b_complete", "dataset", "confidence"), HistoryTablesTest.names(json));
        assertEquals(List.of("1", "2", "5"), HistoryTablesTest.names(json.get("pass_at_k")));
        assertEquals(List.of("a", "b", "delta", "ci_low", "ci_high", "p_value", "tasks"),
                HistoryTablesTest.names(json.get("pass_at_k").get("1")));
        assertEquals(0.0031, json.get("pass_at_k").get("1").get("p_value").doubleValue());
        assertEquals("{\"task_id\":\"HumanEval/2\",\"a\":1.0,\"b\":0.0,\"a_c\":5,\"a_n\":5,\"b_c\":0,\"b_n\":5}",
                json.get("tasks").get(1).toString());
        assertEquals("[\"HumanEval/2\"]", json.get("tasks_regressed").toString());
        assertTrue(!json.get("b_complete").booleanValue());

        String oneTask = COMPARE.replace("\"ci_low\": -0.3, \"ci_high\": -0.1, \"p_value\": 0.0031",
                "\"ci_low\": null, \"ci_high\": null, \"p_value\": null");
        JsonNode k1 = ScorerClient.JSON.readTree(CompareTables.compareJson(view(oneTask)).toString()).get("pass_at_k").get("1");
        assertTrue(k1.get("p_value").isNull() && k1.get("ci_low").isNull(), k1.toString());
    }

    @Test
    void tableGivesEachKAVerdictAtTheScorersLevelAndTheTasksThatMovedWithTheirCOverN() throws Exception {
        String table = CompareTables.compareTable(view(COMPARE));
        List<String> lines = table.lines().toList();
        assertEquals("A run-a  complete", lines.get(0));
        assertEquals("B run-b  running: figures may still change", lines.get(1));
        assertTrue(lines.get(2).startsWith("dataset humaneval-0123456789ab…  3 tasks scored in both"), lines.get(2));
        assertTrue(lines.get(3).matches("k\\s+A\\s+B\\s+B - A\\s+95% interval\\s+p-value\\s+verdict"), lines.get(3));
        assertTrue(lines.get(4).matches("pass@1\\s+60.00%\\s+40.00%\\s+-20.00 pp\\s+\\[-30.00 pp, -10.00 pp\\]\\s+0.003"
                + "\\s+B worse than A \\(p=0.003\\)"), lines.get(4));
        assertTrue(lines.get(5).matches("pass@2 .*\\+10.00 pp .*2.0e-05\\s+B better than A \\(p=2.0e-05\\)"), lines.get(5));
        assertTrue(lines.get(6).matches("pass@5 .*0.200\\s+no significant difference at 95%"), lines.get(6));
        assertTrue(lines.get(7).startsWith("improved (1, c/n in A -> in B):"), table);
        assertTrue(lines.get(8).matches("\\s+HumanEval/1\\s+2/5\\s+->\\s+4/5"), lines.get(8));
        assertTrue(lines.get(9).startsWith("regressed (1"), table);
        assertTrue(lines.get(10).matches("\\s+HumanEval/2\\s+5/5\\s+->\\s+0/5"), lines.get(10));
        assertEquals(11, lines.size(), table);
    }

    @Test
    void verdictFollowsTheConfidenceLevelAndSaysWhenThereIsNoTest() {
        CompareView.Difference d = new CompareView.Difference(0.6, 0.4, -0.2, -0.3, -0.1, 0.03, 40);
        assertEquals("B worse than A (p=0.030)", CompareTables.verdict(d, 0.95));
        assertEquals("no significant difference at 99%", CompareTables.verdict(d, 0.99));
        assertEquals("no significant difference at 99.5%", CompareTables.verdict(d, 0.995));
        assertEquals("no test: fewer than 2 tasks",
                CompareTables.verdict(new CompareView.Difference(0.5, 1, 0.5, null, null, null, 1), 0.95));
    }
}
