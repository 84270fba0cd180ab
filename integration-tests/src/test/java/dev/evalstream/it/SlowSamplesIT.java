package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow work never stops an executor (issue 12): a run whose every sample loops until the limit,
 * on an executor whose unacknowledged-age bound (5 s) is far below the time its share of the run
 * takes (at least 15 s: 30 or more samples of 1 s each on 2 slots). Acknowledged a poll batch at a
 * time, its records waited for the batch's slowest, any batch of 10 or more samples was past the
 * bound, and SmallRye closed its consumer and reported it DOWN. Acknowledged one by one, a record
 * waits for at most the one sample ahead of it (2 in flight on 2 slots): the executor stays healthy
 * throughout and the run completes, every sample timed out.
 */
@ExtendWith(ItStack.class)
class SlowSamplesIT {
    private static final int SAMPLES = 150;
    private static final String GROUP = "evalstream-executor";

    @Test
    void aRunOfLoopingSamplesCompletesAndTheExecutorStaysHealthy() throws Exception {
        var stack = ItStack.stack().config();
        Path dir = Files.createDirectories(ItStack.itDir().resolve("slow"));
        Path problems = loopProblem(dir, "loop/0");
        Path samples = loopingSamples(dir, "loop/0", SAMPLES);
        Map<String, String> slow = Map.of(
                "EVALSTREAM_EXECUTOR_SANDBOX_SLOTS", "2",
                "EVALSTREAM_EXECUTOR_SANDBOX_TIMEOUT", "1s",
                "EVALSTREAM_EXECUTOR_MAX_IN_FLIGHT", "2",
                // a system property: it applies whatever config sources name it (an env var would not)
                "JAVA_TOOL_OPTIONS", "-Dmp.messaging.incoming.samples.throttled.unprocessed-record-max-age.ms=5000");
        try (ExecutorInstance executor = ExecutorInstance.start(stack, ItStack.itDir(), 62100, slow);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            executor.awaitReady(Duration.ofSeconds(90));
            awaitTwoMembersSharingThePartitions(admin);
            String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                    "--model", "looping", "--k", "1").lastLine();
            long t0 = System.nanoTime();
            JsonNode done = null;
            for (long deadline = t0 + Duration.ofSeconds(240).toNanos(); System.nanoTime() < deadline; Thread.sleep(500)) {
                assertTrue(executor.healthy(), () -> "the slow executor went unhealthy; log " + executor.log());
                JsonNode v = view(run);
                if (v != null && v.path("samples_scored").asInt() >= SAMPLES) {
                    done = v;
                    break;
                }
            }
            assertTrue(done != null, "the run did not complete in 240 s; slow executor's log " + executor.log());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long share = executor.status().get("timed_out").asLong();
            System.out.printf("SlowSamplesIT: %d looping samples complete in %.1f s; the slow executor timed out %d of them%n",
                    SAMPLES, seconds, share);
            assertEquals(SAMPLES, done.get("samples_scored").asInt());
            assertEquals(Map.of("TIMED_OUT", SAMPLES), outcomes(run));
            // 1 s a sample on 2 slots: its share kept records unacknowledged for 3x the 5 s bound, or the test shows nothing
            assertTrue(share >= 30, "its share (" + share + " samples) is not far past its bound");
            assertTrue(executor.healthy(), "still healthy after the run");
        }
    }

    /**
     * Past the slow-after bound the executor says so and goes on: samples of 3 s each against a
     * 1 s bound make it not ready, naming the sample, while it stays live and keeps consuming until
     * the run is complete; then it is ready again. (With SmallRye's own age check in place of the
     * bound, at 1 s, the same run closes the consumer for good: checked by hand, see the note.)
     */
    @Test
    void pastTheSlowAfterBoundTheExecutorIsNotReadyButGoesOnConsuming() throws Exception {
        var stack = ItStack.stack().config();
        Path dir = Files.createDirectories(ItStack.itDir().resolve("slow-after"));
        int count = 12;
        Path problems = loopProblem(dir, "loop/1");
        Path samples = loopingSamples(dir, "loop/1", count);
        Map<String, String> slow = new java.util.HashMap<>(Map.of(
                "EVALSTREAM_EXECUTOR_SANDBOX_SLOTS", "2",
                "EVALSTREAM_EXECUTOR_SANDBOX_TIMEOUT", "3s",
                "EVALSTREAM_EXECUTOR_MAX_IN_FLIGHT", "2",
                "EVALSTREAM_EXECUTOR_SLOW_AFTER", "1s"));
        System.getenv().entrySet().stream().filter(e -> e.getKey().equals("SLOW_SAMPLES_IT_JAVA_TOOL_OPTIONS"))
                .forEach(e -> slow.put("JAVA_TOOL_OPTIONS", e.getValue())); // to run it with SmallRye's check, by hand
        try (ExecutorInstance executor = ExecutorInstance.start(stack, ItStack.itDir(), 62200, slow);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            executor.awaitReady(Duration.ofSeconds(90));
            awaitTwoMembersSharingThePartitions(admin);
            String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                    "--model", "looping-slow-after", "--k", "1").lastLine();
            boolean wasNotReady = false;
            JsonNode done = null;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); System.nanoTime() < deadline;
                 Thread.sleep(300)) {
                assertTrue(executor.live(), () -> "the executor stopped being live; log " + executor.log());
                wasNotReady |= !executor.ready();
                JsonNode v = view(run);
                if (v != null && v.path("samples_scored").asInt() >= count) {
                    done = v;
                    break;
                }
            }
            assertTrue(done != null, "the run did not complete in 180 s; log " + executor.log());
            assertEquals(Map.of("TIMED_OUT", count), outcomes(run));
            long share = executor.status().get("timed_out").asLong();
            assertTrue(share >= 2, "the executor ran " + share + " samples: too few to have passed its bound");
            assertTrue(wasNotReady, "samples past the 1 s bound never made it not ready");
            assertTrue(Files.readString(executor.log()).contains("past the slow-after bound of 1 s; still consuming"),
                    "the log names the slow sample");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!executor.ready() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertTrue(executor.ready(), "ready again once nothing is in flight");
            System.out.printf("SlowSamplesIT: %d samples of 3 s against a 1 s slow-after bound: not ready meanwhile, live"
                    + " throughout, the executor ran %d, the run complete%n", count, share);
        }
    }

    /** A problem whose test calls the candidate once. */
    private static Path loopProblem(Path dir, String task) throws java.io.IOException {
        return Files.writeString(dir.resolve("loop-problem.jsonl"), "{\"task_id\": \"" + task + "\", \"prompt\": "
                + "\"def spin(x):\\n\", \"entry_point\": \"spin\", \"test\": \"def check(candidate):\\n    assert candidate(1) == 1\\n\", "
                + "\"canonical_solution\": \"    return x\\n\"}\n");
    }

    /** Samples that loop until the limit, as a bad checkpoint's do. */
    private static Path loopingSamples(Path dir, String task, int count) throws java.io.IOException {
        return Files.writeString(dir.resolve("loop-samples.jsonl"),
                ("{\"task_id\": \"" + task + "\", \"completion\": \"    while True:\\n        pass\\n\"}\n").repeat(count));
    }

    /** Both executors own samples partitions, so the slow one's share is decided before anything is sent. */
    private static void awaitTwoMembersSharingThePartitions(Admin admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            if (g.members().size() == 2 && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the slow executor was not given samples partitions in 60 s");
    }

    /** How many of the run's samples ended in each outcome, from the scorer's own store. */
    private static Map<String, Integer> outcomes(String run) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode s : Scorer.get("/internal/runs/" + run + "/samples")) {
            counts.merge(s.path("outcome").asText().toUpperCase(), 1, Integer::sum);
        }
        return counts;
    }

    private static JsonNode view(String run) {
        try {
            return Scorer.get("/runs/" + run);
        } catch (AssertionError notYet) {
            return null;
        }
    }
}
