package dev.evalstream.scoring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.evalstream.scoring.model.Ranking;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.RunTally;
import dev.evalstream.scoring.model.TaskTally;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTablesTest {
    private static RunScore run(String id, double temperature, long created, int c0, int c1) {
        RunTally tally = RunTally.empty(List.of(1, 10))
                .with(new TaskTally(id, "T/0", 10, c0, 0, 0, -0.2, true, -5.0, false))
                .with(new TaskTally(id, "T/1", 10, c1, 0, 0, -0.3, false, -9.0, c1 > 0));
        return new RunScore(new RunInfo(id, "m", "ds", "samples", 10, List.of(1, 10), temperature, 2, 20, created), tally);
    }

    @Test
    void bestTemperatureGrowsWithKOnAShapedExample() {
        // low temperature: reliable on one task, never solves the other; high: diverse, each task sometimes
        RunScore cold = run("cold", 0.2, 1, 9, 0);
        RunScore hot = run("hot", 0.8, 2, 3, 3);
        RunScore coldOlder = run("cold-old", 0.2, 0, 0, 0);
        ModelTableView table = ModelTables.of("m", List.of(hot, cold, coldOlder));
        assertEquals(List.of(0.2, 0.8), table.temperatures().stream().map(ModelTableView.Row::temperature).toList());
        assertEquals("cold", table.temperatures().get(0).runId(), "the latest run at a temperature is its row");
        assertEquals(0.2, table.bestTemperature().get("1").temperature());
        assertEquals(0.45, table.bestTemperature().get("1").passAtK(), 1e-12);
        assertEquals(0.8, table.bestTemperature().get("10").temperature());
        assertEquals(1.0, table.bestTemperature().get("10").passAtK(), 1e-12);
        assertNull(ModelTables.of("other", List.of(hot)));
    }

    @Test
    void rankingComparesHeuristicsWithRandomAndOracle() {
        Ranking r = Ranking.of(run("x", 0.8, 1, 3, 0).tally());
        assertEquals(2, r.tasksRanked());
        assertEquals(0.5, r.meanLogprob(), 1e-12, "T/0's top-mean sample passed, T/1's did not");
        assertEquals(0.0, r.sumLogprob(), 1e-12);
        assertEquals((0.3 + 0.0) / 2, r.random(), 1e-12);
        assertEquals(0.5, r.oracle(), 1e-12, "pass@n: one of two tasks has a passing sample");
        assertNull(Ranking.of(RunTally.empty(List.of(1)).with(new TaskTally("x", "T", 3, 1, 0, 0, null, false, null, false))));
    }
}
