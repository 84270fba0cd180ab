package dev.evalstream.it.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.harness.PassAtK;
import dev.evalstream.it.ItStack;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scorer counts each sample identity once across a crash: a run whose results arrive with
 * errors, retries and duplicates, the scorer killed with SIGKILL halfway, restarted, and every
 * result redelivered once more, ends with tables equal, digit for digit, to those of the same
 * results scored without any disturbance (a second run), and both equal the rules' tallies.
 */
@ExtendWith(ItStack.class)
class ScorerRecoveryIT {
    static final int TASKS = 40;
    static final int SAMPLES = 20;
    static final List<Integer> KS = List.of(1, 5, 10);

    @Test
    void tablesAfterAKillRestartAndFullRedeliveryEqualTheUndisturbedOnes() throws Exception {
        LocalStack stack = ItStack.stack();
        ScorerHttp scorer = new ScorerHttp(stack.config().scorerUrl());
        long seed = 20260401;
        String killed = "recovery-killed-" + System.nanoTime();
        String steady = "recovery-steady-" + System.nanoTime();
        ScriptedResults disturbed = ScriptedResults.of(killed, "recovery", TASKS, SAMPLES, seed);
        ScriptedResults undisturbed = ScriptedResults.of(steady, "recovery", TASKS, SAMPLES, seed);
        List<?> events = disturbed.events();

        try (ResultsFeed feed = new ResultsFeed(stack.config().bootstrapServers(), stack.config().registryUrl())) {
            for (String run : List.of(killed, steady)) {
                feed.publish(ResultsFeed.run(run, "recovery", ScriptedResults.TASK_PREFIX, TASKS, SAMPLES, KS, (long) TASKS * SAMPLES));
            }
            feed.publish(undisturbed.events());
            int half = events.size() / 2;
            feed.publish(disturbed.events().subList(0, half));
            awaitSomeScored(scorer, killed);

            killScorer(stack);
            feed.publish(disturbed.events().subList(half, events.size())); // arrives while the scorer is down
            stack.up(); // restarts what is not running: the scorer, with its state dir and group instance id
            feed.publish(disturbed.events()); // every result once more, as a full redelivery would
            feed.awaitScorerCaughtUp(Duration.ofSeconds(120));
        }

        JsonNode steadyRun = scorer.json("/runs/" + steady, Duration.ofSeconds(30));
        JsonNode killedRun = scorer.json("/runs/" + killed, Duration.ofSeconds(30));
        assertEquals(withoutIdentity(steadyRun), withoutIdentity(killedRun), "GET /runs/{id} after the crash");
        assertEquals(scorer.json("/runs/" + steady + "/tasks", Duration.ofSeconds(30)).toString(),
                scorer.json("/runs/" + killed + "/tasks", Duration.ofSeconds(30)).toString(), "GET /runs/{id}/tasks");
        assertEquals(scorer.json("/runs/" + steady + "/samples", Duration.ofSeconds(30)).toString(),
                scorer.json("/runs/" + killed + "/samples", Duration.ofSeconds(30)).toString(), "GET /runs/{id}/samples");

        // and the undisturbed figures are those the rules give (each identity once, errors apart)
        assertEquals(undisturbed.scored(), steadyRun.get("samples_scored").asLong());
        assertEquals(undisturbed.errored(), steadyRun.get("samples_errored").asLong());
        assertEquals(TASKS, steadyRun.get("tasks_scored").asInt());
        assertTrue(steadyRun.get("complete").asBoolean(), "every identity has a verdict or an error");
        for (int k : KS) {
            assertEquals(PassAtK.mean(undisturbed.tallies().values(), k).orElseThrow(),
                    steadyRun.get("pass_at_k").get(Integer.toString(k)).asDouble(), 1e-12, "pass@" + k);
        }
        for (JsonNode task : scorer.json("/runs/" + steady + "/tasks", Duration.ofSeconds(30))) {
            String id = task.get("task_id").asText();
            assertEquals(undisturbed.tallies().get(id).n(), task.get("n").asInt(), id + " n");
            assertEquals(undisturbed.tallies().get(id).c(), task.get("c").asInt(), id + " c");
            assertEquals(undisturbed.errors().get(id), task.get("errors").asInt(), id + " errors");
        }
    }

    private static JsonNode withoutIdentity(JsonNode run) {
        ObjectNode copy = run.deepCopy();
        copy.remove(List.of("run_id", "created_at"));
        return copy;
    }

    private static void awaitSomeScored(ScorerHttp scorer, String run) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ScorerHttp.Answer a = scorer.get("/runs/" + run);
            if (a.status() == 200 && a.json().get("samples_scored").asLong() > 0) {
                return;
            }
            ScorerHttp.sleep(20);
        }
        throw new AssertionError("the scorer scored nothing of " + run + " within 60 s");
    }

    /** SIGKILL to the scorer process the stack started (its pid file), and wait until it is gone. */
    static void killScorer(LocalStack stack) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(stack.config().pidFile(Component.SCORER)).get(0).trim());
        ProcessHandle scorer = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("scorer pid " + pid + " not running"));
        assertTrue(scorer.info().commandLine().orElse("").contains("scoring-service"), "pid " + pid + " is not the scorer");
        scorer.destroyForcibly();
        scorer.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

}
