package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.harness.PassAtK;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.TaskTally;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoringTopologyTest {
    private ScorerFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ScorerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void redeliveredResultsCountOnce() {
        f.run("r1", 2, List.of(1, 2), List.of("HumanEval/0"));
        for (int i = 0; i < 3; i++) {
            f.result("r1", "HumanEval/0", 0, Outcome.PASSED);
        }
        // a conflicting later verdict for the same identity does not replace the first
        f.result("r1", "HumanEval/0", 0, Outcome.FAILED);
        f.result("r1", "HumanEval/0", 1, Outcome.FAILED);
        f.result("r1", "HumanEval/0", 1, Outcome.FAILED);

        TaskTally t = f.task("r1", "HumanEval/0");
        assertEquals(2, t.n());
        assertEquals(1, t.c());
        assertEquals("PASSED", f.sample("r1", "HumanEval/0", 0).outcome());
        assertEquals(2, RunFigures.of(f.score("r1")).samplesScored());
    }

    @Test
    void plusVerdictsGiveASecondFigureOnlyForRunsWithExtraTests() {
        f.run("p1", 2, List.of(1, 2), List.of("A", "B"));
        f.resultWithPlus("p1", "A", 0, Outcome.PASSED, Outcome.PASSED);
        f.resultWithPlus("p1", "A", 1, Outcome.PASSED, Outcome.FAILED);
        f.resultWithPlus("p1", "B", 0, Outcome.PASSED, Outcome.TIMED_OUT);
        f.resultWithPlus("p1", "B", 0, Outcome.PASSED, Outcome.PASSED); // redelivered with another plus verdict: ignored
        f.resultWithPlus("p1", "B", 1, Outcome.FAILED, Outcome.FAILED);
        f.resultWithPlus("p1", "B", 1, Outcome.ERROR, null);
        TaskTally b = f.task("p1", "B");
        assertEquals(List.of(2, 1, 2, 0), List.of(b.n(), b.c(), b.plusN(), b.plusC()));
        RunFigures figures = RunFigures.of(f.score("p1"));
        assertEquals(0.75, figures.passAtK().get("1"), 1e-12);
        assertEquals(0.25, figures.plusPassAtK().get("1"), 1e-12);
        assertEquals(0.5, figures.plusPassAtK().get("2"), 1e-12);
        ScoreSnapshot snapshot = f.latestSnapshots().get("p1");
        assertEquals(0.25, snapshot.getPlusPassAtK().get("1"), 1e-12);
        assertEquals("[[3]]", f.sample("p1", "A", 1).plusFailTests(), "the failing inputs are kept for results --format evalplus");

        f.run("p2", 1, List.of(1), List.of("A"));
        f.result("p2", "A", 0, Outcome.PASSED);
        assertNull(RunFigures.of(f.score("p2")).plusPassAtK(), "absent, not zero, without extra tests");
        assertNull(f.latestSnapshots().get("p2").getPlusPassAtK());
    }

    @Test
    void errorsAreNotCountedAndALaterVerdictReplacesThem() {
        f.run("r2", 3, List.of(1), List.of("T/0"));
        f.result("r2", "T/0", 0, Outcome.ERROR);
        f.result("r2", "T/0", 0, Outcome.ERROR);
        f.result("r2", "T/0", 1, Outcome.ERROR);
        TaskTally t = f.task("r2", "T/0");
        assertEquals(0, t.n());
        assertEquals(2, t.errors(), "two identities are in error, each counted once");
        assertTrue(RunFigures.of(f.score("r2")).passAtK().isEmpty(), "no scored task, no pass@k");

        f.result("r2", "T/0", 0, Outcome.PASSED);
        t = f.task("r2", "T/0");
        assertEquals(1, t.n());
        assertEquals(1, t.c());
        assertEquals(1, t.errors());

        // an error after a real verdict changes nothing
        f.result("r2", "T/0", 2, Outcome.FAILED);
        f.result("r2", "T/0", 2, Outcome.ERROR);
        t = f.task("r2", "T/0");
        assertEquals(2, t.n());
        assertEquals(1, t.c());
        assertEquals(1, t.errors());
        assertEquals("FAILED", f.sample("r2", "T/0", 2).outcome());
    }

    @Test
    void passAtKEqualsTheEstimatorOnTheTallies() {
        int n = 12;
        int tasks = 5;
        f.run("r3", n, List.of(1, 5, 10, 100), java.util.stream.IntStream.range(0, tasks).mapToObj(t -> "HumanEval/" + t).toList());
        Random random = new Random(42);
        List<PassAtK.Tally> expected = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                boolean pass = random.nextDouble() < t / (double) tasks;
                c += pass ? 1 : 0;
                f.result("r3", "HumanEval/" + t, i, pass ? Outcome.PASSED : random.nextBoolean() ? Outcome.FAILED
                        : Outcome.TIMED_OUT);
            }
            expected.add(new PassAtK.Tally(n, c));
        }
        Map<String, ScoreSnapshot> snapshots = f.latestSnapshots();
        ScoreSnapshot last = snapshots.get("r3");
        assertNotNull(last);
        assertEquals(tasks, last.getTasksScored());
        assertEquals((long) n * tasks, last.getSamplesScored());
        for (int k : List.of(1, 5, 10)) {
            double direct = PassAtK.mean(expected, k).getAsDouble();
            assertEquals(direct, last.getPassAtK().get(Integer.toString(k)), 1e-12, "pass@" + k);
            assertEquals(direct, RunFigures.of(f.score("r3")).passAtK().get(Integer.toString(k)), 1e-12);
        }
        assertFalse(last.getPassAtK().containsKey("100"), "k=100 > n=12 is not reported");
    }

    @Test
    void kAboveTheSmallestTaskNIsNotReported() {
        f.run("r4", 10, List.of(1, 5, 10), List.of("A", "B"));
        for (int i = 0; i < 10; i++) {
            f.result("r4", "A", i, i % 2 == 0 ? Outcome.PASSED : Outcome.FAILED);
        }
        for (int i = 0; i < 3; i++) {
            f.result("r4", "B", i, Outcome.PASSED);
        }
        Map<String, Double> pass = RunFigures.of(f.score("r4")).passAtK();
        assertEquals(List.of("1"), List.copyOf(pass.keySet()), "task B has n=3: only k=1 is <= n of every task");
        assertEquals((0.5 + 1.0) / 2, pass.get("1"), 1e-12);
    }

    @Test
    void undecodableBytesGoToDeadLettersAndThePipelineContinues() {
        f.run("r5", 1, List.of(1), List.of("X"));
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        f.results.pipeInput(Keys.task("r5", "X"), garbage);
        Result noRun = Result.newBuilder().setRunId("").setModel("m").setDataset("d").setTaskId("X")
                .setSampleIndex(0).setOutcome(Outcome.PASSED).setCompletedAt(Instant.EPOCH).build();
        f.results.pipeInput(Keys.task("", "X"), f.encode(noRun));
        f.runs.pipeInput("r6", new byte[] {0, 0, 0, 0, 99, 1, 2});
        f.result("r5", "X", 0, Outcome.PASSED);

        List<DeadLetter> dead = f.deadLetters.readValuesToList();
        assertEquals(3, dead.size());
        assertEquals(Topics.RESULTS, dead.get(0).getSourceTopic());
        assertEquals(0L, dead.get(0).getSourceOffset());
        assertTrue(dead.get(0).getReason().contains("not Confluent wire format"), dead.get(0).getReason());
        assertEquals(DeadLetters.Origin.SCORER.service(), dead.get(0).getService());
        assertEquals(garbage.length, dead.get(0).getValue().remaining(), "the original bytes travel with the reason");
        assertTrue(dead.get(1).getReason().contains("run_id"), dead.get(1).getReason());
        assertEquals(Topics.RUNS, dead.get(2).getSourceTopic());
        assertTrue(dead.get(2).getReason().contains("schema id 99"), dead.get(2).getReason());
        assertEquals(1, f.task("r5", "X").c(), "the good result after the bad ones was counted");
    }

    @Test
    void runTombstoneRemovesTheRunAndResultsBeforeTheRunStillCount() {
        f.result("r7", "T", 0, Outcome.PASSED);
        assertNull(f.score("r7"), "no run record yet: nothing to show");
        f.run("r7", 1, List.of(1), List.of("T"));
        assertEquals(1.0, RunFigures.of(f.score("r7")).passAtK().get("1"));
        assertFalse(f.notified.isEmpty(), "listeners saw the change");
        f.runs.pipeInput("r7", (byte[]) null);
        assertNull(f.score("r7"));
        assertTrue(f.deadLetters.isEmpty(), "a tombstone on the compacted runs topic is not an error");
    }

    @Test
    void logprobRankingRemembersTheBestSampleOfEachTask() {
        f.run("r8", 3, List.of(1), List.of("T"));
        f.result("r8", "T", 0, Outcome.FAILED, -0.5, -40.0);
        f.result("r8", "T", 1, Outcome.PASSED, -0.1, -60.0);
        f.result("r8", "T", 2, Outcome.FAILED, -0.9, -10.0);
        TaskTally t = f.task("r8", "T");
        assertEquals(-0.1, t.bestMeanLogprob());
        assertTrue(t.bestMeanPassed());
        assertEquals(-10.0, t.bestSumLogprob());
        assertFalse(t.bestSumPassed());
    }

    @Test
    void aRepublishedRunWithOtherKsIsRescoredFromItsTasks() {
        f.run("r9", 5, List.of(1), List.of("A", "B"));
        for (int i = 0; i < 4; i++) {
            f.result("r9", "A", i, i < 2 ? Outcome.PASSED : Outcome.FAILED);
            f.result("r9", "B", i, Outcome.FAILED);
        }
        assertEquals(List.of("1"), List.copyOf(RunFigures.of(f.score("r9")).passAtK().keySet()));
        f.run("r9", 5, List.of(1, 2), List.of("A", "B"));
        Map<String, Double> pass = RunFigures.of(f.score("r9")).passAtK();
        assertEquals(List.of("1", "2"), List.copyOf(pass.keySet()));
        double expected = (PassAtK.estimate(4, 2, 2) + 0.0) / 2;
        assertEquals(expected, pass.get("2"), 1e-12);
        assertEquals(0.25, pass.get("1"), 1e-12);
        f.result("r9", "B", 4, Outcome.PASSED);
        assertEquals((PassAtK.estimate(4, 2, 2) + PassAtK.estimate(5, 1, 2)) / 2,
                RunFigures.of(f.score("r9")).passAtK().get("2"), 1e-12, "later results update the new k too");
    }

    @Test
    void samplesADeadLetterLostAreCountedBesideTheFiguresAndTheRunCompletes() {
        f.run("l1", 4, List.of(1, 2), List.of("A", "B"));
        for (int i = 0; i < 4; i++) {
            f.result("l1", "A", i, i == 0 ? Outcome.PASSED : Outcome.FAILED);
        }
        f.result("l1", "B", 0, Outcome.PASSED);
        f.result("l1", "B", 1, Outcome.FAILED);
        assertFalse(view("l1").complete(), "2 of B's 4 samples have no word yet");
        // the generator dead-lettered B's second prompt, samples 2 and 3
        f.lost(new DeadLetters.Lost("l1", "B", 2, 4), "backend replay: no completion");
        RunFigures figures = RunFigures.of(f.score("l1"));
        assertEquals(2, figures.samplesLost());
        assertEquals(6, figures.samplesScored(), "lost samples are not in n: pass@k over the scored ones");
        assertEquals((0.25 + 0.5) / 2, figures.passAtK().get("1"), 1e-12);
        assertTrue(view("l1").complete(), "scored + lost = total");
        assertEquals(2, f.task("l1", "B").lost());
        assertEquals("LOST", f.sample("l1", "B", 3).outcome());
        assertTrue(f.sample("l1", "B", 3).result().contains("backend replay"), f.sample("l1", "B", 3).result());
        assertEquals(2L, f.latestSnapshots().get("l1").getSamplesLost(), "the scores topic says so too");

        // a lost sample that turns up after all (redelivered and run) takes its place: a placeholder
        // never makes its task final (FinishedTasksTest)
        f.result("l1", "B", 3, Outcome.PASSED);
        figures = RunFigures.of(f.score("l1"));
        assertEquals(1, figures.samplesLost());
        assertEquals(7, figures.samplesScored());
        assertEquals(3, f.task("l1", "B").n());
        // a loss reported for an identity that has a verdict changes nothing
        f.lost(DeadLetters.Lost.sample("l1", "A", 0), "late duplicate");
        assertEquals(1, RunFigures.of(f.score("l1")).samplesLost());
        assertEquals("PASSED", f.sample("l1", "A", 0).outcome());
    }

    @Test
    void aPromptLostFromItsStartLosesTheTasksSamplesThroughN() {
        f.run("l2", 5, List.of(1), List.of("T"));
        f.result("l2", "T", 1, Outcome.PASSED);
        // an unreadable prompt keyed l2|T|0: its range's end is unknown; samples the task has already are kept
        f.lost(new DeadLetters.Lost("l2", "T", 0, -1), "undecodable prompt");
        assertEquals(4, f.task("l2", "T").lost());
        assertEquals(1, f.task("l2", "T").n());
        // a hostile range far beyond n costs nothing: it is cut at n
        f.lost(new DeadLetters.Lost("l2", "T", 0, Integer.MAX_VALUE), "far");
        assertEquals(4, f.task("l2", "T").lost());
        assertTrue(view("l2").complete());
    }

    @Test
    void resultsOutsideTheRunAreDeadLettersAndMoveNoFigure() {
        f.run("o1", 2, List.of(1), List.of("A"));
        f.result("o1", "A", 0, Outcome.FAILED);
        f.result("o1", "A", 2, Outcome.PASSED); // index >= n
        Result misKeyed = Result.newBuilder().setRunId("o1").setModel("m").setDataset("ds").setTaskId("A")
                .setSampleIndex(1).setOutcome(Outcome.PASSED).setCompletedAt(Instant.EPOCH).build();
        f.results.pipeInput(Keys.task("o1", "Z"), f.encode(misKeyed)); // would be deduplicated in another partition
        f.result("o1", "NOT-IN-RUN", 0, Outcome.PASSED);
        f.result("nobody", "A", 0, Outcome.PASSED);
        List<DeadLetter> now = f.deadLetters.readValuesToList();
        assertEquals(2, now.size(), "the index and the key at once; the unclaimed tasks wait for their run: " + now);
        assertTrue(now.get(0).getReason().contains("sample index 2 of task A is outside run o1"), now.get(0).getReason());
        assertTrue(now.get(1).getReason().contains("not run|task"), now.get(1).getReason());

        f.driver.advanceWallClockTime(ScorerFixture.ORPHAN_WAIT.plusSeconds(1));
        f.result("o1", "A", 1, Outcome.FAILED); // any later input lets the step judge what waited too long
        List<DeadLetter> later = f.deadLetters.readValuesToList();
        assertEquals(2, later.size(), later.toString());
        assertTrue(later.stream().allMatch(d -> d.getReason().startsWith("no run claimed task")), later.toString());
        assertEquals(Topics.RESULTS, later.get(0).getSourceTopic());
        RunFigures figures = RunFigures.of(f.score("o1"));
        assertEquals(2, figures.samplesScored());
        assertEquals(0.0, figures.passAtK().get("1"), "none of the passes outside the run counted");
        assertNull(f.task("nobody", "A"));
    }

    @Test
    void aResultWaitingForItsRunIsCountedWhenTheRunArrives() {
        f.result("w1", "T", 0, Outcome.PASSED);
        assertNull(f.task("w1", "T"), "not counted before the run claims the task");
        f.run("w1", 1, List.of(1), List.of("T"));
        assertEquals(1, f.task("w1", "T").c());
        assertTrue(f.deadLetters.isEmpty());
    }

    @Test
    void aRegistryOutageFailsTheStepInsteadOfDeadLetteringTheRecord() throws Exception {
        // a schema id this scorer has not cached: asking the registry is the only way to read it
        byte[] notYetSeen = {0, 0, 0, 0x30, 0x39, 2, 'x'};
        // one dead letter first, so writing dead letters needs no registry: only the decoding does
        f.results.pipeInput(Keys.task("u1", "T"), "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, f.deadLetters.readValuesToList().size());
        f.registry.close();
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> f.results.pipeInput(Keys.task("u1", "T"), notYetSeen));
        assertTrue(f.deadLetters.isEmpty(), "the registry being away is not the record's fault");
    }

    private dev.evalstream.scoring.rest.RunView view(String runId) {
        return dev.evalstream.scoring.rest.Views.run(f.score(runId));
    }
}
