package dev.evalstream.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.harness.PassAtK;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunTallyTest {
    private static final List<Integer> KS = List.of(1, 5, 10);

    @Test
    void updatesByDifferenceGiveTheSameSumsInAnyOrder() throws Exception {
        Random random = new Random(7);
        List<TaskTally> finals = new ArrayList<>();
        List<List<TaskTally>> histories = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            List<TaskTally> history = new ArrayList<>();
            TaskTally tally = TaskTally.empty("r", "T/" + t);
            for (int i = 0; i < 12; i++) {
                boolean pass = random.nextDouble() < t / 40.0;
                tally = new TaskTally("r", tally.taskId(), tally.n() + 1, tally.c() + (pass ? 1 : 0), 0, 0,
                        null, false, null, false);
                history.add(tally);
            }
            histories.add(history);
            finals.add(tally);
        }
        RunTally byDifference = RunTally.empty(KS);
        List<int[]> steps = new ArrayList<>();
        for (int t = 0; t < histories.size(); t++) {
            for (int i = 0; i < histories.get(t).size(); i++) {
                steps.add(new int[] {t, i});
            }
        }
        Collections.shuffle(steps, random);
        int[] seen = new int[histories.size()];
        java.util.Arrays.fill(seen, -1);
        for (int[] step : steps) { // each task's tallies in order, tasks interleaved at random
            int t = step[0];
            int i = ++seen[t];
            TaskTally now = histories.get(t).get(i);
            byDifference = (i == 0 ? byDifference : byDifference.without(histories.get(t).get(i - 1))).with(now);
        }
        RunTally direct = RunTally.empty(KS);
        for (int t = finals.size() - 1; t >= 0; t--) {
            direct = direct.with(finals.get(t));
        }
        assertEquals(Json.MAPPER.writeValueAsString(direct), Json.MAPPER.writeValueAsString(byDifference),
                "exact sums: digit for digit the same whatever the order");
        RunTally read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(byDifference), RunTally.class);
        assertEquals(byDifference, read, "the JSON form keeps the exact sums");

        RunInfo run = new RunInfo("r", "m", "ds", "samples", 12, KS, 0.2, 40, 480, 1);
        RunFigures f = RunFigures.of(new RunScore(run, read));
        List<PassAtK.Tally> tallies = finals.stream().map(t -> new PassAtK.Tally(t.n(), t.c())).toList();
        for (int k : KS) {
            double mean = PassAtK.mean(tallies, k).orElseThrow();
            assertEquals(mean, f.passAtK().get(Integer.toString(k)), 1e-12, "pass@" + k);
            double ss = 0;
            for (PassAtK.Tally t : tallies) {
                ss += Math.pow(PassAtK.estimate(t.n(), t.c(), k) - mean, 2);
            }
            assertEquals(Math.sqrt(ss / 39) / Math.sqrt(40), f.standardError().get(Integer.toString(k)), 1e-12);
        }
        assertEquals(40, f.tasksScored());
        assertEquals(480, f.samplesScored());
    }

    @Test
    void aTaskBelowKHoldsBackThatKUntilItCatchesUp() {
        TaskTally a = new TaskTally("r", "A", 10, 5, 0, 0, null, false, null, false);
        TaskTally b3 = new TaskTally("r", "B", 3, 3, 2, 0, null, false, null, false);
        TaskTally b10 = new TaskTally("r", "B", 10, 9, 0, 0, null, false, null, false);
        RunInfo run = new RunInfo("r", "m", "ds", "samples", 10, KS, 0.2, 2, 20, 1);
        RunTally partial = RunTally.empty(KS).with(a).with(b3);
        RunFigures f = RunFigures.of(new RunScore(run, partial));
        assertEquals(List.of("1"), List.copyOf(f.passAtK().keySet()));
        assertEquals(2, f.samplesErrored());
        f = RunFigures.of(new RunScore(run, partial.without(b3).with(b10)));
        assertEquals(List.of("1", "5", "10"), List.copyOf(f.passAtK().keySet()));
        assertEquals(0, f.samplesErrored());
        assertEquals(1.0, f.passAtK().get("10"), 1e-12);
    }

    @Test
    void plusVerdictsMakeASecondFigureBesideTheBaseOneAndNoneWithoutThem() throws Exception {
        RunInfo run = new RunInfo("r", "m", "ds", "samples", 4, List.of(1, 2), 0.2, 2, 8, 1);
        // task A: the same samples pass 3 of 4 base, 1 of 4 plus; task B: 2 of 4 base, 0 of 4 plus
        TaskTally a = TaskTally.empty("r", "A");
        TaskTally b = TaskTally.empty("r", "B");
        String[][] verdicts = {{"PASSED", "PASSED"}, {"PASSED", "FAILED"}, {"PASSED", "FAILED"}, {"FAILED", "FAILED"}};
        for (int i = 0; i < 4; i++) {
            a = a.with(new SampleState("r", "A", i, null, verdicts[i][0], "", null, null, verdicts[i][1], null, null), null);
            b = b.with(new SampleState("r", "B", i, null, i < 2 ? "PASSED" : "FAILED", "", null, null, "FAILED", null, null), null);
        }
        assertEquals(List.of(4, 3, 4, 1), List.of(a.n(), a.c(), a.plusN(), a.plusC()));
        RunTally tally = RunTally.empty(run.ks()).with(a).with(b);
        RunTally read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(tally), RunTally.class);
        RunFigures f = RunFigures.of(new RunScore(run, read));
        assertEquals((0.75 + 0.5) / 2, f.passAtK().get("1"), 1e-12);
        assertEquals((0.25 + 0.0) / 2, f.plusPassAtK().get("1"), 1e-12);
        assertEquals((PassAtK.estimate(4, 1, 2) + 0.0) / 2, f.plusPassAtK().get("2"), 1e-12);
        assertEquals(RunTally.empty(run.ks()).with(b), tally.without(a), "removing a task removes its plus sums too");

        RunTally basic = RunTally.empty(run.ks()).with(new TaskTally("r", "A", 4, 3, 0, 0, null, false, null, false));
        assertEquals(null, RunFigures.of(new RunScore(run, basic)).plusPassAtK(), "absent, not zero, without extra tests");
    }
}
