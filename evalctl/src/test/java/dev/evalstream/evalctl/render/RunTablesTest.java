package dev.evalstream.evalctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

public class RunTablesTest {
    // a RunView as the scorer's contract describes it, with a field evalctl does not know
    public static final String RUN_VIEW = """
            {"run_id": "m-20250102-030405-abc123", "model": "m", "dataset": "HumanEval-1234abcd", "backend": "samples",
             "n": 200, "ks": [1, 10, 100], "temperature": 0.8, "tasks_total": 164, "tasks_scored": 160,
             "samples_total": 32800, "samples_scored": 32000, "samples_errored": 3, "samples_lost": 40,
             "pass_at_k": {"100": 0.7231, "1": 0.2881, "10": 0.4681}, "complete": false, "updated_at": "x"}
            """;

    @Test
    void passkJsonHasExactlyTheContractFieldsInOrder() throws Exception {
        RunView view = ScorerClient.JSON.readValue(RUN_VIEW, RunView.class);
        JsonNode json = ScorerClient.JSON.readTree(RunTables.passkJson(view).toString());
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("run_id", "model", "tasks_total", "tasks_scored", "samples_total", "samples_scored", "samples_lost",
                "pass_at_k"), names);
        assertEquals(40, json.get("samples_lost").longValue());
        assertEquals("m-20250102-030405-abc123", json.get("run_id").textValue());
        assertEquals(160, json.get("tasks_scored").intValue());
        assertEquals(32800, json.get("samples_total").longValue());
        List<String> ks = new java.util.ArrayList<>();
        json.get("pass_at_k").fieldNames().forEachRemaining(ks::add);
        assertEquals(List.of("1", "10", "100"), ks);
        assertEquals(0.2881, json.get("pass_at_k").get("1").doubleValue());
    }

    @Test
    void plusFiguresStandBesideTheBaseOnesWhenTheRunHasExtraTests() throws Exception {
        RunView plain = ScorerClient.JSON.readValue(RUN_VIEW, RunView.class);
        assertTrue(!RunTables.passkJson(plain).has("plus_pass_at_k"), "absent, not zero, without extra tests");
        assertTrue(!RunTables.passkTable(plain).contains("plus"));
        RunView view = ScorerClient.JSON.readValue(RUN_VIEW.replace("\"complete\"",
                "\"plus_pass_at_k\": {\"10\": 0.4, \"1\": 0.25}, \"complete\""), RunView.class);
        JsonNode json = ScorerClient.JSON.readTree(RunTables.passkJson(view).toString());
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals("pass_at_k", names.get(names.size() - 2));
        assertEquals("plus_pass_at_k", names.get(names.size() - 1));
        assertEquals(0.25, json.get("plus_pass_at_k").get("1").doubleValue());
        String table = RunTables.passkTable(view);
        assertTrue(table.lines().anyMatch(l -> l.matches("k +pass@k +plus +tasks +samples")), table);
        String line = table.lines().filter(l -> l.startsWith("pass@1 ")).findFirst().orElseThrow();
        assertTrue(line.matches("pass@1 +28\\.81% +25\\.00% +160/164 +32000/32800"), line);
        String notYet = table.lines().filter(l -> l.startsWith("pass@100 ")).findFirst().orElseThrow();
        assertTrue(notYet.matches("pass@100 +72\\.31% +- +160/164 +32000/32800"), notYet);
    }

    @Test
    void tableShowsTasksAndSamplesBesideEachFigure() throws Exception {
        RunView view = ScorerClient.JSON.readValue(RUN_VIEW, RunView.class);
        String table = RunTables.passkTable(view);
        String line = table.lines().filter(l -> l.startsWith("pass@10 ")).findFirst().orElseThrow();
        assertTrue(line.contains("46.81%") && line.contains("160/164") && line.contains("32000/32800"), line);
        assertTrue(table.contains("3 samples errored"), table);
        assertTrue(table.contains("40 samples lost on the way"), table);
        assertEquals(32043, view.samplesDone(), "scored, errored and lost: each has had its word");
    }

    @Test
    void progressBarIsBounded() throws Exception {
        RunView view = ScorerClient.JSON.readValue(RUN_VIEW, RunView.class);
        String bar = RunTables.progress(view, 12.34);
        assertTrue(bar.startsWith("[#############################.] 32043/32800 samples  12.3/s"), bar);
    }

    @Test
    void tablesShowADatasetsHashCutShort() {
        String full = "HumanEval-" + "0123456789abcdef".repeat(4);
        assertEquals("HumanEval-0123456789ab…", RunTables.shortDataset(full));
        assertEquals("HumanEval-1234abcd", RunTables.shortDataset("HumanEval-1234abcd"));
    }
}
