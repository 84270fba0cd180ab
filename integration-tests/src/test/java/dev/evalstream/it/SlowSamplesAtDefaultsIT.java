package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.stack.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * By hand only (about 9 minutes of both cores; -Devalstream.it.manual=true): issue 12's figure. One
 * executor at the defaults (4 slots, 3 s, 32 in flight, the derived age bound) alone in the group
 * takes 656 samples that all loop; the run completes, every sample timed out, the executor healthy
 * throughout. The stack's executor is stopped first so the whole run is this one's.
 */
@ExtendWith(ItStack.class)
@EnabledIfSystemProperty(named = "evalstream.it.manual", matches = "true")
class SlowSamplesAtDefaultsIT {
    private static final int SAMPLES = 656;

    @Test
    void sixHundredFiftySixLoopingSamplesAtTheDefaults() throws Exception {
        var stack = ItStack.stack().config();
        // the pid file holds the pid and its start (epoch ms): stop that process only, never a reused pid
        String[] pidFile = Files.readString(stack.pidFile(Component.EXECUTOR)).strip().split("\\s+");
        long startedMs = Long.parseLong(pidFile[1]);
        ProcessHandle.of(Long.parseLong(pidFile[0]))
                .filter(h -> h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedMs) < 2000).orElse(false))
                .orElseThrow(() -> new AssertionError("the stack's executor is not running"))
                .destroy();
        Path dir = Files.createDirectories(ItStack.itDir().resolve("slow-defaults"));
        Path problems = Files.writeString(dir.resolve("loop-problem.jsonl"), "{\"task_id\": \"loop/0\", \"prompt\": "
                + "\"def spin(x):\\n\", \"entry_point\": \"spin\", \"test\": \"def check(candidate):\\n    assert candidate(1) == 1\\n\", "
                + "\"canonical_solution\": \"    return x\\n\"}\n");
        Path samples = Files.writeString(dir.resolve("loop-samples.jsonl"),
                "{\"task_id\": \"loop/0\", \"completion\": \"    while True:\\n        pass\\n\"}\n".repeat(SAMPLES));
        // DEBUG for SmallRye's SRMSG18236, which names the age bound in force
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS",
                "-Dquarkus.log.category.\"io.smallrye.reactive.messaging.kafka\".level=DEBUG");
        try (ExecutorInstance executor = ExecutorInstance.start(stack, ItStack.itDir(), 62100, env)) {
            executor.awaitReady(Duration.ofSeconds(90));
            Thread.sleep(15_000); // the stopped executor's session ends; this one owns every partition
            String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                    "--model", "looping", "--k", "1").lastLine();
            long t0 = System.nanoTime();
            JsonNode done = null;
            int checks = 0;
            for (long deadline = t0 + Duration.ofMinutes(15).toNanos(); System.nanoTime() < deadline; Thread.sleep(1000)) {
                assertTrue(executor.healthy(), () -> "the executor went unhealthy; log " + executor.log());
                checks++;
                JsonNode v = view(run);
                if (v != null && v.path("samples_scored").asInt() >= SAMPLES) {
                    done = v;
                    break;
                }
            }
            assertTrue(done != null, "the run did not complete in 15 minutes; log " + executor.log());
            Map<String, Integer> outcomes = new TreeMap<>();
            for (JsonNode s : Scorer.get("/internal/runs/" + run + "/samples")) {
                outcomes.merge(s.path("outcome").asText(), 1, Integer::sum);
            }
            System.out.printf("SlowSamplesAtDefaultsIT: %d looping samples complete in %.1f s, outcomes %s, "
                            + "executor timed out %d, healthy at all %d checks%n", SAMPLES, (System.nanoTime() - t0) / 1e9,
                    outcomes, executor.status().get("timed_out").asLong(), checks);
            assertEquals(Map.of("TIMED_OUT", SAMPLES), outcomes);
            assertTrue(executor.healthy(), "still healthy after the run");
        }
    }

    private static JsonNode view(String run) {
        try {
            return Scorer.get("/runs/" + run);
        } catch (AssertionError notYet) {
            return null;
        }
    }
}
