package dev.evalstream.scoring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.scoring.model.Json;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.RunTally;
import dev.evalstream.scoring.model.TaskTally;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How /compare pairs two runs' task tallies and shapes the answer; the statistics are pinned in PairedComparisonTest. */
class ComparisonsTest {
    // A: n = 4, ks 1, 2, 10; B: n = 4, ks 1, 2. HumanEval/3 has only errors in B, HumanEval/7 is in B only.
    static final List<TaskTally> A = List.of(t("a", "HumanEval/1", 4, 1), t("a", "HumanEval/2", 4, 4),
            t("a", "HumanEval/10", 4, 2), t("a", "HumanEval/3", 4, 0), t("a", "HumanEval/5", 4, 3));
    static final List<TaskTally> B = List.of(t("b", "HumanEval/10", 4, 1), t("b", "HumanEval/2", 4, 0),
            t("b", "HumanEval/1", 4, 3), new TaskTally("b", "HumanEval/3", 0, 0, 4, 0, null, false, null, false),
            t("b", "HumanEval/5", 4, 3), t("b", "HumanEval/7", 4, 4));

    static TaskTally t(String run, String task, int n, int c) {
        return new TaskTally(run, task, n, c, 0, 0, null, false, null, false);
    }

    static RunScore score(String runId, String dataset, List<Integer> ks, long samplesTotal, List<TaskTally> tasks) {
        RunTally tally = RunTally.empty(ks);
        for (TaskTally t : tasks) {
            tally = tally.with(t);
        }
        return new RunScore(new RunInfo(runId, "m-" + runId, dataset, "samples", 4, ks, 0.8, tasks.size(), samplesTotal, 1L),
                tally);
    }

    static CompareView compared(Comparisons.Outcome o) {
        return assertInstanceOf(Comparisons.Outcome.Compared.class, o).view();
    }

    @Test
    void pairsTheTasksScoredInBothAndMatchesScipysPairedTTest() {
        CompareView v = compared(Comparisons.of(score("a", "ds", List.of(1, 2, 10), 20, A), A,
                score("b", "ds", List.of(1, 2), 30, B), B, 0.95));
        assertEquals(List.of("HumanEval/1", "HumanEval/2", "HumanEval/5", "HumanEval/10"),
                v.tasks().stream().map(CompareView.TaskChangeView::taskId).toList(),
                "tasks scored in both runs, in task order: not /3 (errors only in B) nor /7 (B only)");
        assertEquals(4, v.tasksCompared());
        CompareView.TaskChangeView two = v.tasks().get(1);
        assertEquals(new CompareView.TaskChangeView("HumanEval/2", 1.0, 0.0, 4, 4, 0, 4), two);
        assertEquals(List.of("HumanEval/1"), v.tasksImproved());
        assertEquals(List.of("HumanEval/2", "HumanEval/10"), v.tasksRegressed(), "largest drop first");
        assertEquals(List.of("1", "2"), List.copyOf(v.passAtK().keySet()), "the ks both runs report");

        // figures from Debian's python3-scipy: stats.ttest_rel(b, a) on the per-task estimates of
        // /1, /2, /5, /10 (math.comb), and its confidence_interval(0.95)
        CompareView.DifferenceView one = v.passAtK().get("1");
        assertEquals(0.625, one.a(), 1e-12);
        assertEquals(0.4375, one.b(), 1e-12);
        assertEquals(0.4375 - 0.625, one.delta(), 1e-12);
        assertEquals(0.590801208053989, one.pValue(), 1e-9);
        assertEquals(-1.1820144704013322, one.ciLow(), 1e-9);
        assertEquals(0.8070144704013321, one.ciHigh(), 1e-9);
        assertEquals(4, one.tasks());
        CompareView.DifferenceView k2 = v.passAtK().get("2");
        assertEquals(0.8333333333333334, k2.a(), 1e-12);
        assertEquals(0.625, k2.b(), 1e-12);
        assertEquals(0.5551323782510876, k2.pValue(), 1e-9);
        assertEquals(-1.2094559460014707, k2.ciLow(), 1e-9);
        assertEquals(0.792789279334804, k2.ciHigh(), 1e-9);

        assertTrue(v.aComplete(), "20 samples scored of 20");
        assertFalse(v.bComplete(), "20 samples scored of 30");
        assertEquals("ds", v.dataset());
    }

    @Test
    void theConfidenceLevelSetsTheIntervalNotThePValue() {
        CompareView v = compared(Comparisons.of(score("a", "ds", List.of(1), 20, A), A, score("b", "ds", List.of(1), 24, B), B, 0.9));
        assertEquals(-0.9229260733755712, v.passAtK().get("1").ciLow(), 1e-9);
        assertEquals(0.5479260733755708, v.passAtK().get("1").ciHigh(), 1e-9);
        assertEquals(0.590801208053989, v.passAtK().get("1").pValue(), 1e-9);
        assertEquals(0.9, v.confidence());
    }

    @Test
    void answersDesignsFieldsFirstInSnakeCaseWithNullWhereThereIsNoTest() throws Exception {
        List<TaskTally> a = List.of(t("a", "T/0", 2, 1));
        List<TaskTally> b = List.of(t("b", "T/0", 2, 2));
        CompareView v = compared(Comparisons.of(score("a", "ds", List.of(1), 2, a), a, score("b", "ds", List.of(1), 2, b), b, 0.95));
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(v));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("a", "b", "tasks_compared", "pass_at_k", "tasks", "tasks_improved", "tasks_regressed",
                "a_complete", "b_complete", "dataset", "confidence"), names);
        JsonNode one = json.get("pass_at_k").get("1");
        assertEquals(0.5, one.get("delta").doubleValue(), 1e-12);
        assertTrue(one.get("p_value").isNull() && one.get("ci_low").isNull() && one.get("ci_high").isNull(),
                "one task: no test, null rather than NaN: " + one);
        assertEquals("{\"task_id\":\"T/0\",\"a\":0.5,\"b\":1.0,\"a_c\":1,\"a_n\":2,\"b_c\":2,\"b_n\":2}",
                json.get("tasks").get(0).toString());
    }

    @Test
    void refusesRunsOfDifferentDatasetsNamingBothAndRunsWithNoTaskScoredInBoth() {
        Comparisons.Outcome other = Comparisons.of(score("a", "humaneval-1a2b", List.of(1), 20, A), A,
                score("b", "mbpp-3c4d", List.of(1), 24, B), B, 0.95);
        String reason = assertInstanceOf(Comparisons.Outcome.Refused.class, other).reason();
        assertTrue(reason.contains("humaneval-1a2b") && reason.contains("mbpp-3c4d") && reason.contains("different datasets"),
                reason);
        List<TaskTally> onlySeven = List.of(t("c", "HumanEval/7", 4, 1));
        Comparisons.Outcome none = Comparisons.of(score("a", "ds", List.of(1), 20, A), A,
                score("c", "ds", List.of(1), 4, onlySeven), onlySeven, 0.95);
        String why = assertInstanceOf(Comparisons.Outcome.Refused.class, none).reason();
        assertTrue(why.contains("no task scored in both yet (5 and 1 tasks scored)"), why);
    }
}
