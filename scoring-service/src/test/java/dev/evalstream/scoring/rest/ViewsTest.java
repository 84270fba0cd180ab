package dev.evalstream.scoring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.PassAtK;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.RunTally;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private static RunScore score(String runId, String model, long created, long samplesTotal, TaskTally... tasks) {
        RunTally tally = RunTally.empty(List.of(1, 5, 10));
        for (TaskTally t : tasks) {
            tally = tally.with(t);
        }
        return new RunScore(new RunInfo(runId, model, "ds", "samples", 5, List.of(1, 5, 10), 0.2, 3, samplesTotal,
                created), tally);
    }

    private static TaskTally tally(String run, String task, int n, int c, int errors) {
        return new TaskTally(run, task, n, c, errors, 0, null, false, null, false);
    }

    @Test
    void runViewCountsScoredAndErroredSamplesAndReportsOnlyKUpToN() {
        RunView v = Views.run(score("r", "m", 1, 15, tally("r", "T/0", 5, 2, 0), tally("r", "T/1", 4, 4, 1),
                tally("r", "T/2", 0, 0, 5)));
        assertEquals(2, v.tasksScored(), "a task with only errors is not scored");
        assertEquals(9, v.samplesScored());
        assertEquals(6, v.samplesErrored());
        assertTrue(v.complete(), "9 scored + 6 errored >= 15");
        assertEquals(Map.of("1", (0.4 + 1.0) / 2), v.passAtK(), "k=5 exceeds n=4 of T/1");
        double mean = (PassAtK.estimate(5, 2, 1) + 1.0) / 2;
        double sd = Math.sqrt((Math.pow(0.4 - mean, 2) + Math.pow(1.0 - mean, 2)) / 1);
        assertEquals(sd / Math.sqrt(2), v.standardError().get("1"), 1e-12);
        assertFalse(Views.run(score("r", "m", 1, 16, tally("r", "T/0", 5, 2, 0))).complete());
    }

    @Test
    void tasksAreInNumericOrderWithTheirOwnPassAtK() {
        List<TaskView> tasks = Views.tasks(List.of(tally("r", "HumanEval/10", 5, 1, 0),
                tally("r", "HumanEval/2", 5, 5, 0), tally("r", "HumanEval/1", 1, 0, 0)), List.of(1, 5, 10));
        assertEquals(List.of("HumanEval/1", "HumanEval/2", "HumanEval/10"), tasks.stream().map(TaskView::taskId).toList());
        assertEquals(Map.of("1", 0.0), tasks.get(0).passAtK());
        assertEquals(List.of("1", "5"), List.copyOf(tasks.get(2).passAtK().keySet()), "k=10 > n=5 left out");
        assertEquals(0.2, tasks.get(2).passAtK().get("1"), 1e-12);
        assertEquals(1.0, tasks.get(2).passAtK().get("5"), 1e-12);
    }

    @Test
    void samplesAreInSubmissionOrder() {
        List<SampleView> samples = Views.samples(List.of(
                new SampleState("r", "T/1", 0, 3L, "PASSED", "passed", null, null),
                new SampleState("r", "T/0", 1, null, "FAILED", "failed: x", null, null),
                new SampleState("r", "T/0", 0, 0L, "TIMED_OUT", "timed out", null, null)));
        assertEquals(List.of(0L, 3L), samples.subList(0, 2).stream().map(SampleView::position).toList());
        assertEquals("T/0", samples.get(2).taskId(), "unknown position last");
        assertTrue(samples.get(1).passed());
        assertEquals("timed out", samples.get(0).result());
    }

    @Test
    void modelsGroupRunsOldestFirstWithTheLatest() {
        List<ModelView> models = Views.models(List.of(score("b", "m1", 20, 1), score("a", "m1", 10, 1),
                score("c", "m2", 5, 1)));
        assertEquals(List.of("m1", "m2"), models.stream().map(ModelView::model).toList());
        assertEquals(List.of("a", "b"), models.get(0).runs().stream().map(RunView::runId).toList());
        assertEquals("b", models.get(0).latest().runId());
    }
}
