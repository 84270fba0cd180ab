package dev.evalstream.scoring.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.PlannedRuns;
import dev.evalstream.scoring.rest.Histories;
import dev.evalstream.scoring.rest.HistoryView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlannerTopologyTest {
    private static final String DS = "evalstream-demo-1234";
    private PlannerFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new PlannerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aCheckpointWithTwoPlansOfItsFamilyStartsTwoRunsWithTheirPrompts() {
        f.dataset("demo", DS, 4, true);
        f.plan("greedy", "llama", "demo", 1, List.of(1));
        f.plan("sampled", "llama", "demo", 7, List.of(1, 5));
        f.checkpoint("llama", "ckpt-100", 100L);

        Map<String, Run> runs = byId(f.newRuns());
        String greedy = PlannedRuns.runId("llama", "ckpt-100", "greedy");
        String sampled = PlannedRuns.runId("llama", "ckpt-100", "sampled");
        assertEquals(java.util.Set.of(greedy, sampled), runs.keySet());
        Run r = runs.get(sampled);
        assertEquals("llama/ckpt-100", r.getModel());
        assertEquals(DS, r.getDataset(), "the catalog name resolved to the dataset id the problems are keyed by");
        assertEquals("openai", r.getBackend());
        assertEquals(Map.of("base_url", "http://gpu:8000/v1", "model", "llama-ckpt-100"), r.getBackendOptions());
        assertEquals(7, r.getN());
        assertEquals(List.of(1, 5), r.getKs());
        assertEquals(0.6, r.getSampling().getTemperature());
        assertEquals(300, r.getSampling().getMaxTokens());
        assertEquals(7L, r.getSampling().getSeed());
        assertEquals(4, r.getProblemCount());
        assertEquals(List.of("T/0", "T/1", "T/2", "T/3"), r.getTaskIds());
        assertEquals(28L, r.getSamplesTotal());
        assertEquals("llama", r.getFamily());
        assertEquals("ckpt-100", r.getCheckpoint());
        assertEquals(100L, r.getStep());
        assertEquals("sampled", r.getPlan());

        List<KeyValue<String, Prompt>> prompts = f.newPrompts();
        Map<String, List<KeyValue<String, Prompt>>> byRun = prompts.stream()
                .collect(Collectors.groupingBy(kv -> kv.value.getRunId()));
        assertEquals(4, byRun.get(greedy).size(), "n=1: one prompt a task");
        assertEquals(4 * 3, byRun.get(sampled).size(), "n=7 in chunks of 3: [0,3) [3,6) [6,7) a task");
        for (String run : List.of(greedy, sampled)) {
            int n = runs.get(run).getN();
            Map<String, boolean[]> covered = new TreeMap<>();
            for (KeyValue<String, Prompt> kv : byRun.get(run)) {
                Prompt p = kv.value;
                assertEquals(Keys.prompt(run, p.getTaskId(), p.getSampleStart()), kv.key);
                assertEquals(PlannerFixture.prompt(DS, p.getTaskId()), p.getPrompt(), "the problem's prompt text");
                assertFalse(p.toString().contains("hidden test"), "a prompt carries no test: " + p);
                assertEquals(DS, p.getDataset());
                assertEquals("llama/ckpt-100", p.getModel());
                assertEquals("openai", p.getBackend());
                assertEquals(runs.get(run).getSampling(), p.getSampling());
                assertEquals(runs.get(run).getBackendOptions(), p.getBackendOptions());
                assertTrue(p.getSampleEnd() - p.getSampleStart() <= PlannerFixture.CHUNK);
                boolean[] seen = covered.computeIfAbsent(p.getTaskId(), t -> new boolean[n]);
                for (int i = p.getSampleStart(); i < p.getSampleEnd(); i++) {
                    assertFalse(seen[i], "index " + i + " of " + p.getTaskId() + " asked twice");
                    seen[i] = true;
                }
            }
            assertEquals(List.of("T/0", "T/1", "T/2", "T/3"), List.copyOf(covered.keySet()));
            covered.forEach((task, seen) -> {
                for (int i = 0; i < n; i++) {
                    assertTrue(seen[i], "index " + i + " of " + task + " never asked");
                }
            });
        }
        assertTrue(f.deadLetters.isEmpty());
        // the scorer reads the planner's runs: both are in its run table, with their checkpoint
        assertEquals(2, f.runScores().size());
        assertEquals("ckpt-100", f.runScores().get(0).run().checkpoint());
    }

    @Test
    void aCheckpointDeliveredTwiceStartsNothingNew() {
        f.dataset("demo", DS, 2, true);
        f.plan("p", "llama", "demo", 2, List.of(1));
        f.checkpoint("llama", "c1", 1L);
        assertEquals(1, f.newRuns().size());
        assertEquals(2, f.newPrompts().size());
        f.checkpoint("llama", "c1", 1L);
        f.checkpoint("llama", "c1", 1L);
        f.wallClock(Duration.ofSeconds(5));
        assertEquals(List.of(), f.newRuns(), "a redelivered checkpoint starts no run");
        assertEquals(List.of(), f.newPrompts(), "nor prompts");
        assertEquals(1, f.checkpointsOf("llama").size(), "history lists it once");
    }

    @Test
    void aPlanAddedAfterACheckpointAppliesOnlyToLaterCheckpoints() {
        f.dataset("demo", DS, 2, true);
        f.plan("first", "llama", "demo", 1, List.of(1));
        f.checkpoint("llama", "c1", 1L);
        f.plan("second", "llama", "demo", 1, List.of(1));
        f.checkpoint("llama", "c2", 2L);
        f.checkpoint("llama", "c1", 1L); // redelivered after the plan: still not the plan's
        List<String> ids = f.newRuns().stream().map(Run::getRunId).toList();
        assertEquals(java.util.Set.of(PlannedRuns.runId("llama", "c1", "first"), PlannedRuns.runId("llama", "c2", "first"),
                PlannedRuns.runId("llama", "c2", "second")), java.util.Set.copyOf(ids));
        assertEquals(3, ids.size());
        assertFalse(ids.contains(PlannedRuns.runId("llama", "c1", "second")), "the plan came after c1, even redelivered");
    }

    @Test
    void aCheckpointOfAnotherFamilyStartsNothing() {
        f.dataset("demo", DS, 2, true);
        f.plan("p", "llama", "demo", 1, List.of(1));
        f.checkpoint("mistral", "c1", 1L);
        f.wallClock(Duration.ofSeconds(5));
        assertEquals(List.of(), f.newRuns());
        assertEquals(List.of(), f.newPrompts());
        assertEquals(1, f.checkpointsOf("mistral").size(), "the checkpoint is in its family's history, with no run");
        assertEquals(List.of(), f.checkpointsOf("llama"));
    }

    @Test
    void aDatasetNotYetInTheCatalogWaitsThenStartsWhenItArrives() {
        f.dataset("demo", DS, 3, false); // problems, no catalog entry yet
        f.plan("p", "llama", "demo", 2, List.of(1));
        f.checkpoint("llama", "c1", 1L);
        f.wallClock(Duration.ofSeconds(3));
        assertEquals(List.of(), f.newRuns(), "no catalog entry: the run waits");
        f.catalog("demo", DS, 3);
        assertEquals(List.of(), f.newRuns(), "until the next retry");
        f.wallClock(PlannerFixture.RETRY);
        List<Run> runs = f.newRuns();
        assertEquals(1, runs.size());
        assertEquals(DS, runs.get(0).getDataset());
        assertEquals(3, f.newPrompts().size());
        f.checkpoint("llama", "c1", 1L);
        f.wallClock(Duration.ofSeconds(3));
        assertEquals(List.of(), f.newRuns(), "started once");
        assertTrue(f.deadLetters.isEmpty());
    }

    @Test
    void aDatasetMissingProblemsWaitsAndPastThePatienceIsADeadLetter() {
        f.problem(DS, "T/0");
        f.catalog("demo", DS, 2); // T/1 never comes
        f.plan("p", "llama", "demo", 1, List.of(1));
        f.checkpoint("llama", "c1", 1L);
        f.wallClock(PlannerFixture.PATIENCE.minusSeconds(5));
        assertEquals(List.of(), f.newRuns());
        assertTrue(f.deadLetters.isEmpty(), "still waiting");
        f.wallClock(Duration.ofSeconds(10));
        assertEquals(List.of(), f.newRuns());
        List<DeadLetter> letters = f.deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).getReason().contains("has 1 of its 2 problems"), letters.get(0).getReason());
        assertEquals(dev.evalstream.schemas.Topics.CHECKPOINTS, letters.get(0).getSourceTopic());
        f.wallClock(Duration.ofMinutes(5));
        assertTrue(f.deadLetters.isEmpty(), "one dead letter, not one a retry");
    }

    @Test
    void aChangedPlanUnderItsNameIsADeadLetterAndTheFirstPlanStays() {
        f.dataset("demo", DS, 1, true);
        f.plan("p", "llama", "demo", 2, List.of(1));
        f.plan("p", "llama", "demo", 2, List.of(1)); // the same plan again: fine
        assertTrue(f.deadLetters.isEmpty());
        f.plan("p", "llama", "demo", 5, List.of(1));
        List<DeadLetter> letters = f.deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        assertTrue(letters.get(0).getReason().contains("immutable"), letters.get(0).getReason());
        f.checkpoint("llama", "c1", 1L);
        assertEquals(2, f.newRuns().get(0).getN(), "the first content of the plan");
    }

    @Test
    void historyListsCheckpointsInStepOrderThenArrivalWithTheirRunsFigures() {
        f.dataset("demo", DS, 2, true);
        f.plan("p", "llama", "demo", 2, List.of(1, 2));
        f.checkpoint("llama", "late-step-300", 300L);
        f.checkpoint("llama", "step-100", 100L);
        f.checkpoint("llama", "no-step", null);
        f.checkpoint("llama", "step-200", 200L);
        f.checkpoint("llama", "also-200", 200L);
        f.checkpoint("mistral", "other-family", 1L);
        String run = PlannedRuns.runId("llama", "step-100", "p");
        f.result(run, "T/0", 0, Outcome.PASSED);
        f.result(run, "T/0", 1, Outcome.FAILED);
        f.result(run, "T/1", 0, Outcome.PASSED);
        f.result(run, "T/1", 1, Outcome.PASSED);

        HistoryView h = Histories.of("llama", f.checkpointsOf("llama"), f.runScores());
        assertEquals("llama", h.family());
        assertEquals(List.of("step-100", "step-200", "also-200", "late-step-300", "no-step"),
                h.checkpoints().stream().map(HistoryView.CheckpointView::checkpoint).toList(),
                "step order, arrival among equal steps, no step last");
        HistoryView.CheckpointView first = h.checkpoints().get(0);
        assertEquals(100L, first.step());
        assertEquals(1, first.runs().size());
        HistoryView.PlannedRunView r = first.runs().get(0);
        assertEquals(run, r.runId());
        assertEquals("p", r.plan());
        assertTrue(r.complete());
        assertEquals(2, r.tasksScored());
        assertEquals(4, r.samplesScored());
        assertEquals(0.75, r.passAtK().get("1"), 1e-12);
        assertEquals(1.0, r.passAtK().get("2"), 1e-12);
        assertEquals(0.25, r.standardError().get("1"), 1e-12);
        HistoryView.PlannedRunView unscored = h.checkpoints().get(1).runs().get(0);
        assertFalse(unscored.complete());
        assertEquals(0, unscored.samplesScored());
        assertNull(h.checkpoints().get(4).step());
    }

    private static Map<String, Run> byId(List<Run> runs) {
        Map<String, Run> out = new TreeMap<>();
        for (Run r : runs) {
            assertNull(out.put(r.getRunId(), r), "run " + r.getRunId() + " started twice");
        }
        return out;
    }
}
