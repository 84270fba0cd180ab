package dev.evalstream.it.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.it.ItStack;
import dev.evalstream.schemas.Topics;
import dev.evalstream.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two scorer instances share the work and answer every query identically: each run lives on
 * one of them, per-run queries are routed to it, whole-table queries are merged from both, and a
 * comparison of two runs gathers both from wherever they live.
 */
@ExtendWith(ItStack.class)
class TwoScorersIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void bothInstancesAnswerEveryQueryIdentically() throws Exception {
        StackConfig stack = ItStack.stack().config();
        ScorerHttp first = new ScorerHttp(stack.scorerUrl());
        List<String> runs = runsOnEveryPartition("two-scorers-" + System.nanoTime());
        try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers(), stack.registryUrl())) {
            for (int i = 0; i < runs.size(); i++) {
                ScriptedResults r = ScriptedResults.of(runs.get(i), "two-scorers-" + (i % 2), 8, 5, i);
                feed.publish(ResultsFeed.run(runs.get(i), "two-scorers-" + (i % 2), ScriptedResults.TASK_PREFIX, 8, 5, List.of(1, 3), 40));
                feed.publish(r.events());
            }
            feed.awaitScorerCaughtUp(Duration.ofSeconds(60));
        }

        Path dir = Files.createDirectories(ItStack.itDir().resolve("second-scorer"));
        try (ScorerInstance second = ScorerInstance.start(stack, dir)) {
            second.awaitReady(Duration.ofSeconds(120));
            awaitBothOwnPartitions(stack.bootstrapServers(), Duration.ofSeconds(90));
            ScorerHttp other = second.http();
            first.ok("/q/health/ready", PATIENCE);

            JsonNode all = first.json("/runs", PATIENCE);
            assertEquals(all, other.json("/runs", PATIENCE), "GET /runs");
            assertEquals(first.json("/models", PATIENCE), other.json("/models", PATIENCE), "GET /models");
            Set<String> listed = new HashSet<>();
            all.forEach(r -> listed.add(r.get("run_id").asText()));
            assertTrue(listed.containsAll(runs), "GET /runs must list every run: " + listed);

            int routedFromFirst = 0;
            int routedFromSecond = 0;
            for (String run : listed) {
                for (String path : List.of("/runs/" + run, "/runs/" + run + "/tasks", "/runs/" + run + "/samples")) {
                    ScorerHttp.Answer a = first.ok(path, PATIENCE);
                    ScorerHttp.Answer b = other.ok(path, PATIENCE);
                    assertEquals(a.json(), b.json(), "GET " + path);
                    if (path.equals("/runs/" + run)) {
                        routedFromFirst += a.servedBy() != null ? 1 : 0;
                        routedFromSecond += b.servedBy() != null ? 1 : 0;
                    }
                }
            }
            // runs on all four partitions and both instances owning some: each must have asked the other
            assertTrue(routedFromFirst > 0 && routedFromSecond > 0, "per-run queries must be routed both ways (first "
                    + routedFromFirst + ", second " + routedFromSecond + ")");
            // a comparison needs both runs' tables and tasks, wherever they live: the same answer from either instance
            for (int i = 1; i < runs.size(); i++) {
                String path = "/compare?a=" + runs.get(0) + "&b=" + runs.get(i);
                JsonNode compared = first.json(path, PATIENCE);
                assertEquals(compared, other.json(path, PATIENCE), "GET " + path);
                assertEquals(8, compared.get("tasks_compared").asInt(), compared.toString());
            }
            assertEquals(404, other.get("/runs/no-such-run").status());
        }
        awaitScorersOwning(stack.bootstrapServers(), 1, Duration.ofSeconds(90));
        first.ok("/runs/" + runs.get(0), Duration.ofSeconds(60));
    }

    /** Run ids whose keys fall on each partition of the runs topic (the default partitioner's murmur2). */
    private static List<String> runsOnEveryPartition(String prefix) {
        List<String> out = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; covered.size() < 4; i++) {
            String id = prefix + "-" + i;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 4;
            if (covered.add(partition)) {
                out.add(id);
            }
        }
        return out;
    }

    private static void awaitBothOwnPartitions(String bootstrap, Duration timeout) {
        awaitScorersOwning(bootstrap, 2, timeout);
    }

    /** Waits until exactly `instances` group members exist and each owns partitions of results and runs. */
    private static void awaitScorersOwning(String bootstrap, int instances, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<MemberDescription> members = List.of();
        while (System.nanoTime() < deadline) {
            members = ScorerInstance.members(bootstrap);
            if (members.size() == instances && members.stream().allMatch(m -> owns(m, Topics.RESULTS) && owns(m, Topics.RUNS))) {
                return;
            }
            ScorerHttp.sleep(500);
        }
        throw new AssertionError("scorer group never had " + instances + " members owning results and runs: " + members);
    }

    private static boolean owns(MemberDescription m, String topic) {
        return m.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic));
    }
}
