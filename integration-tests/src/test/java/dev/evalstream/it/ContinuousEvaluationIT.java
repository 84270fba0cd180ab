package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's acceptance on the stack, through evalctl alone: HumanEval in the catalog, a plan for a
 * family, then four checkpoints (replay, n=5, pass@1 about 0.5, 0.7, 0.7, 0.3) start exactly four
 * runs; a checkpoint sent again starts none; history --json lists the four in step order with the
 * figures passk gives for each run; and after evalctl down and up the history is unchanged.
 */
@ExtendWith(ItStack.class)
class ContinuousEvaluationIT {
    private static final int N = 5;
    private static final double[] PASS_AT_1 = {0.5, 0.7, 0.7, 0.3};

    @Test
    void fourCheckpointsStartFourRunsWhoseHistorySurvivesDownAndUp() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String family = "it-family-" + suffix;
        String dataset = "humaneval-it-" + suffix;
        Evalctl.ok("datasets", "add", HumanEvalFiles.problems().toString(), "--name", dataset);
        Evalctl.ok("plan", "add", "he-n5", "--family", family, "--dataset", dataset, "--n", Integer.toString(N),
                "--k", "1,5");
        List<String> runs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < PASS_AT_1.length; c++) {
            double target = PASS_AT_1[c];
            Path file = HumanEvalFiles.samples("continuous-" + suffix + "-" + c + ".jsonl", p -> completions(p, target));
            files.add(file);
            List<String> started = Evalctl.ok(checkpoint(family, c, file)).stdout().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, started.size(), "one plan, one run: " + started);
            runs.add(started.get(0));
        }
        // the first checkpoint again: the same run id, and nothing new starts
        assertEquals(runs.get(0), Evalctl.ok(checkpoint(family, 0, files.get(0))).lastLine());

        JsonNode history = Json.parse(Evalctl.ok("history", family, "--json").stdout());
        assertEquals(family, history.get("family").asText());
        assertEquals(4, history.get("checkpoints").size(), history.toString());
        for (int c = 0; c < 4; c++) {
            JsonNode checkpoint = history.get("checkpoints").get(c);
            assertEquals("step-" + (c + 1) * 1000, checkpoint.get("checkpoint").asText(), "step order");
            assertEquals((c + 1) * 1000L, checkpoint.get("step").asLong());
            assertEquals(1, checkpoint.get("runs").size(), "no second run for a checkpoint sent twice: " + checkpoint);
            JsonNode run = checkpoint.get("runs").get(0);
            assertEquals(runs.get(c), run.get("run_id").asText());
            assertTrue(run.get("complete").asBoolean(), run.toString());
            JsonNode passk = Json.parse(Evalctl.ok("passk", runs.get(c), "--json").stdout());
            assertEquals(passk.get("pass_at_k"), run.get("pass_at_k"), "history's figures are passk's");
            assertEquals(passk.get("samples_scored"), run.get("samples_scored"));
            assertEquals(PASS_AT_1[c], run.get("pass_at_k").get("1").asDouble(), 0.02, "checkpoint " + c);
        }

        ItStack.stack().down();
        ItStack.stack().up();
        assertEquals(history, Json.parse(Evalctl.ok("history", family, "--json").stdout()),
                "the history outlives evalctl down and up");
    }

    private static String[] checkpoint(String family, int c, Path samples) {
        return new String[] {"checkpoint", family, "step-" + (c + 1) * 1000, "--step", Integer.toString((c + 1) * 1000),
                "--backend", "replay", "--samples", samples.toString(), "--wait"};
    }

    /**
     * N completions a task: the canonical solution for the first few, a wrong one for the rest, the
     * number passing spread over the tasks (between floor and ceiling of N x target) so the mean is
     * the target.
     */
    private static List<String> completions(JsonNode problem, double target) {
        int task = Integer.parseInt(problem.get("task_id").asText().replaceAll("\\D", ""));
        int passing = (int) (Math.floor((task + 1) * N * target) - Math.floor(task * N * target));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            out.add(i < passing ? problem.get("canonical_solution").asText() : "    return None\n");
        }
        return out;
    }
}
