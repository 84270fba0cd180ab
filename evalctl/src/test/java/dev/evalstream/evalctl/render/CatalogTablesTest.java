package dev.evalstream.evalctl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Sampling;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTablesTest {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");
    static final String HASH = "0123456789abcdef".repeat(4);
    static final DatasetEntry HE = DatasetEntry.newBuilder().setName("humaneval").setDataset("HumanEval-" + HASH)
            .setContentHash(HASH).setProblemCount(164).setAddedAt(T0).build();
    static final DatasetEntry EX = DatasetEntry.newBuilder().setName("example").setDataset("example_problem-" + HASH)
            .setContentHash(HASH).setProblemCount(1).setAddedAt(T0).build();

    @Test
    void datasetsJsonKeepsTheFullIdsByName() throws Exception {
        JsonNode json = ScorerClient.JSON.readTree(CatalogTables.datasetsJson(List.of(HE, EX)).toString());
        assertEquals(2, json.size());
        assertEquals("example", json.get(0).get("name").textValue());
        JsonNode he = json.get(1);
        assertEquals(List.of("name", "dataset", "content_hash", "problem_count", "format", "added_at"), HistoryTablesTest.names(he));
        assertEquals("HumanEval-" + HASH, he.get("dataset").textValue());
        assertEquals(164, he.get("problem_count").intValue());
        assertEquals(T0.toEpochMilli(), he.get("added_at").longValue());
    }

    @Test
    void datasetsTableShowsNameShortIdProblemsAndTime() {
        List<String> lines = CatalogTables.datasetsTable(List.of(HE)).lines().toList();
        assertTrue(lines.get(0).matches("name\\s+dataset\\s+problems\\s+added_at"), lines.get(0));
        assertTrue(lines.get(1).matches("humaneval\\s+HumanEval-0123456789ab…\\s+164\\s+2025-01-02T03:04:05Z"), lines.get(1));
    }

    @Test
    void plansJsonAndTable() throws Exception {
        Plan p = Plan.newBuilder().setName("he-n10").setFamily("fam").setDataset("humaneval").setN(10)
                .setSampling(Sampling.newBuilder().setTemperature(0.2).build()).setKs(List.of(1, 10)).setCreatedAt(T0).build();
        JsonNode json = ScorerClient.JSON.readTree(CatalogTables.plansJson(List.of(p)).toString()).get(0);
        assertEquals(List.of("name", "family", "dataset", "n", "temperature", "top_p", "max_tokens", "ks", "created_at"),
                HistoryTablesTest.names(json));
        assertEquals(0.2, json.get("temperature").doubleValue());
        assertEquals("[1,10]", json.get("ks").toString());
        List<String> lines = CatalogTables.plansTable(List.of(p)).lines().toList();
        assertTrue(lines.get(1).matches("he-n10\\s+fam\\s+humaneval\\s+10\\s+0.2\\s+0.95\\s+512\\s+1,10\\s+2025-01-02T03:04:05Z"), lines.get(1));
    }
}
