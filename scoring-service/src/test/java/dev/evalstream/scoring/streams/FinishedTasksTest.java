package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Outcome;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounded state: a task whose every identity is counted releases its per-sample dedupe entries and is final. */
class FinishedTasksTest {
    private static final List<String> TASKS = List.of("HumanEval/0", "HumanEval/1", "HumanEval/2");
    private static final int N = 4;
    private ScorerFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ScorerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** Task t passes samples 0..t-1 and fails (or times out) the rest; each result delivered twice. */
    private void fill(String run) {
        f.run(run, N, List.of(1, 2), TASKS);
        for (int t = 0; t < TASKS.size(); t++) {
            for (int i = 0; i < N; i++) {
                Outcome o = i < t ? Outcome.PASSED : i % 2 == 0 ? Outcome.FAILED : Outcome.TIMED_OUT;
                f.result(run, TASKS.get(t), i, o);
                f.result(run, TASKS.get(t), i, o);
            }
        }
    }

    @Test
    void aCompletedRunLeavesNoPerSampleDedupeEntriesAndKeepsEveryVerdict() {
        fill("c1");
        f.run("c2", N, List.of(1), TASKS);
        f.result("c2", "HumanEval/0", 0, Outcome.PASSED); // an open task keeps its entries

        assertTrue(f.dedupeEntries("c1").isEmpty(), "no per-sample entry of the complete run: " + f.dedupeEntries("c1"));
        assertEquals(1, f.dedupeEntries("c2").size());
        RunFigures figures = RunFigures.of(f.score("c1"));
        assertEquals(TASKS.size() * N, figures.samplesScored());
        assertEquals((0 + 0.25 + 0.5) / 3, figures.passAtK().get("1"), 1e-12);
        // the samples listing still has every verdict, with its text and submission position
        List<SampleState> listed = f.samples("c1");
        assertEquals(TASKS.size() * N, listed.size());
        for (int t = 0; t < TASKS.size(); t++) {
            for (int i = 0; i < N; i++) {
                SampleState s = f.sample("c1", TASKS.get(t), i);
                String expected = i < t ? "PASSED" : i % 2 == 0 ? "FAILED" : "TIMED_OUT";
                assertEquals(expected, s.outcome(), TASKS.get(t) + "/" + i);
                assertEquals(i < t ? "passed" : i % 2 == 0 ? "failed: AssertionError" : "timed out", s.result());
                assertEquals(Long.valueOf(i), s.position());
            }
        }
    }

    @Test
    void aLateResultOrLossAfterCompletionIsADuplicateAndChangesNothing() {
        fill("d1");
        RunScore before = f.score("d1");
        List<TaskTally> tallies = TASKS.stream().map(t -> f.task("d1", t)).toList();
        List<SampleState> listed = f.samples("d1");
        f.latestSnapshots(); // drain

        f.result("d1", "HumanEval/0", 0, Outcome.PASSED);   // was FAILED: the first verdict stays
        f.result("d1", "HumanEval/2", 1, Outcome.FAILED);   // was PASSED
        f.result("d1", "HumanEval/1", 3, Outcome.ERROR);
        f.lost(new DeadLetters.Lost("d1", "HumanEval/1", 0, -1), "a late dead letter");

        assertEquals(before, f.score("d1"), "figures of a complete run are final");
        assertEquals(tallies, TASKS.stream().map(t -> f.task("d1", t)).toList());
        assertEquals(listed, f.samples("d1"));
        assertTrue(f.dedupeEntries("d1").isEmpty(), "a duplicate brings no entry back");
        assertTrue(f.latestSnapshots().isEmpty(), "nothing changed, so no new snapshot");
        assertTrue(f.deadLetters.isEmpty(), "a duplicate is not a dead letter");
        // a result that is not the run's is still judged so
        f.result("d1", "HumanEval/0", N, Outcome.PASSED);
        assertTrue(f.deadLetters.readValuesToList().get(0).getReason().contains("outside run d1"));
    }

    @Test
    void aPlaceholderNeverMakesATaskFinalSoARetryStillReplacesIt() {
        f.run("p1", 3, List.of(1), List.of("T"));
        f.lost(new DeadLetters.Lost("p1", "T", 1, 2), "prompt lost");
        f.result("p1", "T", 1, Outcome.PASSED); // the lost sample turns up: it takes its place
        f.result("p1", "T", 0, Outcome.ERROR);
        f.result("p1", "T", 2, Outcome.FAILED);
        TaskTally t = f.task("p1", "T");
        assertEquals(List.of(2, 1, 1, 0), List.of(t.n(), t.c(), t.errors(), t.lost()));
        assertTrue(dev.evalstream.scoring.rest.Views.run(f.score("p1")).complete(), "every identity has a state");
        assertEquals(3, f.dedupeEntries("p1").size(), "T is not final: its error may still be retried");

        f.result("p1", "T", 0, Outcome.PASSED); // the executor's retry brings the real verdict
        t = f.task("p1", "T");
        assertEquals(List.of(3, 2, 0, 0), List.of(t.n(), t.c(), t.errors(), t.lost()));
        assertTrue(f.dedupeEntries("p1").isEmpty(), "now every identity has a verdict: T is final");

        f.result("p1", "T", 0, Outcome.FAILED); // and after that a result is a duplicate
        assertEquals(t, f.task("p1", "T"));
        assertEquals("PASSED", f.sample("p1", "T", 0).outcome());
        assertEquals(IntStream.range(0, 3).boxed().toList(), f.samples("p1").stream().map(SampleState::sampleIndex).sorted().toList());
    }
}
