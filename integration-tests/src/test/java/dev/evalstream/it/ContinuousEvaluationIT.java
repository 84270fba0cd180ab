package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's acceptance on the stack, through evalctl alone: HumanEval in the catalog, a plan for a
 * family, then four checkpoints (replay, n=5, pass@1 about 0.5, 0.7, 0.7, 0.3) start exactly four
 * runs; a checkpoint sent again starts none; history --json lists the four in step order with the
 * figures passk gives for each run; and after evalctl down and up the history is unchanged. Issue
 * 15: exactly one regression alert, for the fourth checkpoint, published once, also after every
 * service is restarted.
 */
@ExtendWith(ItStack.class)
class ContinuousEvaluationIT {
    private static final int N = 5;
    private static final double[] PASS_AT_1 = {0.5, 0.7, 0.7, 0.3};
    private static final java.time.Duration ALERT_WAIT = java.time.Duration.ofSeconds(60);

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

        // issue 15: one regression alert, for the fourth checkpoint (0.7 -> 0.3); none for the equal third
        JsonNode alerts = awaitAlerts(family);
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.get(0);
        assertEquals("step-4000", alert.get("checkpoint").asText());
        assertEquals("step-3000", alert.get("baseline").asText());
        assertEquals(runs.get(3), alert.get("run_id").asText());
        assertEquals(runs.get(2), alert.get("baseline_run_id").asText());
        assertEquals(1, alert.get("k").asInt(), "the plan's smallest k");
        assertEquals(history.get("checkpoints").get(3).get("runs").get(0).get("pass_at_k").get("1").asDouble(),
                alert.get("value").asDouble(), 1e-12, "the alert's figure is the run's pass@1");
        assertEquals(history.get("checkpoints").get(2).get("runs").get(0).get("pass_at_k").get("1").asDouble(),
                alert.get("baseline_value").asDouble(), 1e-12);
        assertTrue(alert.get("p_value").asDouble() < 0.05, alert.toString());
        assertTrue(alert.get("tasks_regressed").size() > 0, alert.toString());
        assertEquals(1, publishedFor(family), "published once");

        // every service restarted: nothing is judged again
        ItStack.stack().down();
        ItStack.stack().up();
        assertEquals(history, Json.parse(Evalctl.ok("history", family, "--json").stdout()),
                "the history outlives evalctl down and up");
        sleep(5_000); // time for a restarted scorer to (wrongly) judge anything again
        assertEquals(alerts, Json.parse(Evalctl.ok("alerts", "--family", family, "--json").stdout()),
                "the alert outlives evalctl down and up");
        assertEquals(1, publishedFor(family), "still published once after every service restarted");
    }

    /** The family's alerts once the fourth checkpoint's is there (its run is complete; the judge commits within a second or so). */
    private static JsonNode awaitAlerts(String family) {
        long deadline = System.nanoTime() + ALERT_WAIT.toNanos();
        while (true) {
            JsonNode alerts = Json.parse(Evalctl.ok("alerts", "--family", family, "--json").stdout());
            boolean fourth = false;
            for (JsonNode a : alerts) {
                fourth |= a.get("checkpoint").asText().equals("step-4000");
            }
            if (fourth || System.nanoTime() > deadline) {
                return alerts;
            }
            sleep(500);
        }
    }

    /** Records on the alerts topic (read committed) for the family: not merged by key, so a second publication would count. */
    private static long publishedFor(String family) {
        return CommittedRecords.readAll(ItStack.stack().config(), Topics.ALERTS, ALERT_WAIT).stream()
                .filter(r -> r.key() != null && r.key().startsWith(family + "|")).count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
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
