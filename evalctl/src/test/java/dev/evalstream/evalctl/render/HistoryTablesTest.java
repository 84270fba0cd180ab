package dev.evalstream.evalctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.evalctl.scorer.HistoryView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class HistoryTablesTest {
    // GET /families/{family}/history as DESIGN describes it, with fields evalctl does not know
    public static final String HISTORY = """
            {"family": "fam", "extra": 1, "checkpoints": [
              {"checkpoint": "ckpt-100", "step": 100, "published_at": 5, "runs": [
                {"run_id": "fam-ckpt-100-he-n10-aaaaaaaaaaaa", "plan": "he-n10", "complete": true, "tasks_scored": 164,
                 "samples_scored": 1640, "pass_at_k": {"10": 0.4, "1": 0.125}, "standard_error": {"1": 0.021, "10": 0.038}},
                {"run_id": "fam-ckpt-100-mbpp-bbbbbbbbbbbb", "plan": "mbpp", "complete": true, "tasks_scored": 10,
                 "samples_scored": 10, "pass_at_k": {"1": 0.3}, "standard_error": {"1": 0.15}}]},
              {"checkpoint": "ckpt-200", "step": 200, "runs": [
                {"run_id": "fam-ckpt-200-he-n10-0123456789ab", "plan": "he-n10", "complete": false, "tasks_scored": 80,
                 "samples_scored": 800, "pass_at_k": {"1": 0.5}, "standard_error": {"1": 0.03}}]},
              {"checkpoint": "ckpt-nostep", "step": null, "runs": []}]}
            """;

    static HistoryView view() throws Exception {
        return ScorerClient.JSON.readValue(HISTORY, HistoryView.class);
    }

    @Test
    void jsonIsTheContractsObjectWithFieldsInOrderAndKsNumeric() throws Exception {
        JsonNode json = ScorerClient.JSON.readTree(HistoryTables.historyJson(view()).toString());
        assertEquals(List.of("family", "checkpoints"), names(json));
        JsonNode first = json.get("checkpoints").get(0);
        assertEquals(List.of("checkpoint", "step", "runs"), names(first));
        JsonNode run = first.get("runs").get(0);
        assertEquals(List.of("run_id", "plan", "complete", "tasks_scored", "samples_scored", "pass_at_k", "standard_error"), names(run));
        assertEquals(List.of("1", "10"), names(run.get("pass_at_k")));
        assertEquals(0.125, run.get("pass_at_k").get("1").doubleValue());
        assertEquals(0.038, run.get("standard_error").get("10").doubleValue());
        assertEquals(1640, run.get("samples_scored").longValue());
        assertTrue(json.get("checkpoints").get(2).get("step").isNull());
        assertEquals(3, json.get("checkpoints").size());
    }

    @Test
    void tableHasOneLinePerCheckpointInTheScorersOrderAndAColumnPerPlan() throws Exception {
        String table = HistoryTables.historyTable(view());
        List<String> lines = table.lines().toList();
        assertEquals("family fam", lines.get(0));
        assertEquals(5, lines.size(), table);
        assertTrue(lines.get(1).matches("checkpoint\\s+step\\s+he-n10\\s+mbpp"), lines.get(1));
        assertTrue(lines.get(2).startsWith("ckpt-100"), table);
        assertTrue(lines.get(2).contains("pass@1 12.50% ± 2.10  pass@10 40.00% ± 3.80  164 tasks 1640 samples  complete"), table);
        assertTrue(lines.get(2).contains("pass@1 30.00% ± 15.00  10 tasks 10 samples  complete"), table);
        assertTrue(lines.get(3).startsWith("ckpt-200"), table);
        assertTrue(lines.get(3).contains("pass@1 50.00% ± 3.00  80 tasks 800 samples  running"), table);
        assertTrue(lines.get(3).endsWith("-"), "no mbpp run for ckpt-200: " + table);
        assertTrue(lines.get(4).matches("ckpt-nostep\\s+-\\s+-\\s+-"), lines.get(4));
        // columns line up: each plan's cell starts where its header does
        assertEquals(lines.get(1).indexOf("he-n10"), lines.get(2).indexOf("pass@1"));
        assertEquals(lines.get(1).indexOf("he-n10"), lines.get(3).indexOf("pass@1"));
    }

    @Test
    void aFamilyWithoutCheckpointsSaysSo() {
        assertEquals("family f" + System.lineSeparator() + "no checkpoints yet" + System.lineSeparator(),
                HistoryTables.historyTable(new HistoryView("f", null)));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
