package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Executors scale out as one consumer group and survive a crash: a second executor joins the
 * stack's, both take samples of one run, the second is killed with SIGKILL mid-run, its
 * partitions move to the survivor after the session timeout (10 s), the samples it held
 * unacknowledged are run again there, and the run ends with exactly the figures `evalctl
 * check` gives for the same files (the scorer counts a redone sample once).
 */
@ExtendWith(ItStack.class)
class ExecutorScaleOutIT {
    private static final String SLEEP = "    import time\n    time.sleep(0.1)\n";

    /** One slow completion per problem: the canonical solution, or for every third problem a wrong one. */
    private static List<String> slow(JsonNode problem) {
        int i = Integer.parseInt(problem.get("task_id").asText().replaceAll("\\D", ""));
        return List.of(SLEEP + (i % 3 == 0 ? "    return None\n" : problem.get("canonical_solution").asText()));
    }

    @Test
    void aRunSurvivesTheKillOfOneOfTwoExecutorsWithTheFiguresOfCheck() throws Exception {
        var stack = ItStack.stack().config();
        Path problems = HumanEvalFiles.problems();
        Path samples = HumanEvalFiles.samples("scale-out.jsonl", ExecutorScaleOutIT::slow);
        long total = 164;
        long t0 = System.nanoTime();

        try (ExecutorInstance second = ExecutorInstance.start(stack, ItStack.itDir(), 62000)) {
            second.awaitReady(Duration.ofSeconds(90));
            String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                    "--model", "scale-out", "--k", "1").lastLine();

            // kill it once it has work of this run in hand and the run is far from done
            long received = awaitReceived(second, Duration.ofSeconds(60));
            JsonNode before = view(run);
            long doneBefore = before == null ? 0 : before.get("samples_scored").asLong();
            assertTrue(doneBefore < total, "the run ended before the kill; make the samples slower");
            second.kill();
            System.out.printf("ExecutorScaleOutIT: killed the second executor %.1f s in, holding %d samples, %d of %d scored%n",
                    (System.nanoTime() - t0) / 1e9, received, doneBefore, total);

            JsonNode after = awaitComplete(run, total, Duration.ofSeconds(120));
            System.out.printf("ExecutorScaleOutIT: run complete %.1f s in%n", (System.nanoTime() - t0) / 1e9);
            JsonNode local = Json.parse(Evalctl.ok("check", "--problems", problems.toString(), "--samples",
                    samples.toString(), "--k", "1", "--json").stdout());
            assertEquals(total, after.get("samples_scored").asLong(), "every sample once, none lost, none twice");
            assertEquals(0, after.get("samples_errored").asLong());
            assertEquals(164, after.get("tasks_scored").asInt());
            for (String k : List.of("1")) {
                assertEquals(local.get("pass_at_k").get(k).asDouble(), after.get("pass_at_k").get(k).asDouble(), 1e-12,
                        "pass@" + k + " after the kill (second executor had received " + received + ", "
                                + doneBefore + " scored when killed)");
            }
            assertTrue(after.get("pass_at_k").get("1").asDouble() < 1.0, "the file has failing samples");
            // and task by task: the scorer's c is check's verdict on that task's one sample
            Map<String, Boolean> passedLocally = new HashMap<>();
            for (JsonNode r : Json.lines(Files.readString(Path.of(samples + "_results.jsonl")))) {
                passedLocally.put(r.get("task_id").asText(), r.get("passed").asBoolean());
            }
            JsonNode tasks = Scorer.get("/runs/" + run + "/tasks");
            assertEquals(164, tasks.size());
            for (JsonNode t : tasks) {
                String id = t.get("task_id").asText();
                assertEquals(1, t.get("n").asInt(), id + " n");
                assertEquals(passedLocally.get(id) ? 1 : 0, t.get("c").asInt(), id + " c");
            }
            System.out.printf("ExecutorScaleOutIT: check agreed %.1f s in%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long awaitReceived(ExecutorInstance executor, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = executor.status();
            if (status != null && status.get("received").asLong() > 0) {
                return status.get("received").asLong();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second executor got no samples in " + timeout + "; log " + executor.log());
    }

    private static JsonNode awaitComplete(String run, long total, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode v = view(run);
            if (v != null) {
                last = v;
                if (v.get("complete").asBoolean() && v.get("samples_scored").asLong() + v.get("samples_errored").asLong() >= total) {
                    return v;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + run + " not complete in " + timeout + ": " + last);
    }

    /** The scorer's view of the run, or null while it does not know the run yet. */
    private static JsonNode view(String run) {
        try {
            return Scorer.get("/runs/" + run);
        } catch (AssertionError notYet) {
            return null;
        }
    }
}
