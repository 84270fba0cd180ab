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
        Path problems = Files.writeString(dir.resolve("loop-problem.jsonl"), "{\"task_id\": \"loop/0\", \"prompt\": "
                + "\"def spin(x):\\n\", \"entry_point\": \"spin\", \"test\": \"def check(candidate):\\n    assert candidate(1) == 1\\n\", "
                + "\"canonical_solution\": \"    return x\\n\"}\n");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            lines.append("{\"task_id\": \"loop/0\", \"completion\": \"    while True:\\n        pass\\n\"}\n");
        }
        Path samples = Files.writeString(dir.resolve("loop-samples.jsonl"), lines);
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
