package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.events.Checkpoint;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sampling;
import dev.evalstream.it.scoring.ScorerHttp;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.PlannedRuns;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import dev.evalstream.stack.StackConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The planner on the real stack (issue 11, items 3 and 4): a dataset in the catalog, two plans of a
 * family and its checkpoints published with a plain producer (as a training job or evalctl would).
 * Checkpoint c1 is sent twice; c2 is sent and the scorer (the planner's home) is killed with
 * SIGKILL right after, then restarted, and both checkpoints are sent once more. Exactly four runs
 * exist (2 checkpoints x 2 plans), each Run record written once and each prompt once (read
 * committed), every run scored and complete, and the family's history lists both checkpoints in
 * step order. Prints the start latency: checkpoint sent -> first committed prompt, -> first result.
 */
@ExtendWith(ItStack.class)
class PlannerIT {
    private static final int TASKS = 10;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void checkpointsRedeliveredAndAScorerKilledMidWayStartEachRunOnceWithItsPromptsOnce() throws Exception {
        StackConfig config = ItStack.stack().config();
        String stamp = Long.toString(System.nanoTime(), 36);
        String family = "planner-it-" + stamp;
        String datasetName = "he10-" + stamp;
        String datasetId = "planner-it-he10-" + stamp;
        Map<String, String> canonical = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (JsonNode p : HumanEvalFiles.problemNodes().subList(0, TASKS)) {
            canonical.put(p.get("prompt").asText(), p.get("canonical_solution").asText());
            problems.add(Problem.newBuilder().setDataset(datasetId).setTaskId(p.get("task_id").asText())
                    .setPrompt(p.get("prompt").asText()).setEntryPoint(p.get("entry_point").asText())
                    .setTest(p.get("test").asText()).setCanonicalSolution(p.get("canonical_solution").asText())
                    .setContentHash("it-" + p.get("task_id").asText()).build());
        }
        Map<String, Integer> nOfPlan = Map.of("greedy", 1, "sampled", 4);
        ScorerHttp http = new ScorerHttp(config.scorerUrl());
        try (OpenAiStub stub = new OpenAiStub(canonical, 0, 20);
             KafkaProducer<String, SpecificRecord> producer = producer(config)) {
            for (Problem p : problems) {
                producer.send(new ProducerRecord<>(Topics.PROBLEMS, Keys.problem(datasetId, p.getTaskId()), p));
            }
            producer.send(new ProducerRecord<>(Topics.DATASETS, datasetName, DatasetEntry.newBuilder().setName(datasetName)
                    .setDataset(datasetId).setContentHash("it-" + stamp).setProblemCount(TASKS)
                    .setAddedAt(Instant.now()).build()));
            for (var plan : nOfPlan.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.PLANS, plan.getKey(), Plan.newBuilder().setName(plan.getKey())
                        .setFamily(family).setDataset(datasetName).setN(plan.getValue())
                        .setSampling(Sampling.newBuilder().setTemperature(0.8).setSeed(0L).build()) // the stub answers sample index = seed + choice
                        .setKs(plan.getValue() == 1 ? List.of(1) : List.of(1, 2, 4)).setCreatedAt(Instant.now()).build()));
            }
            producer.flush();
            Thread.sleep(2000); // the plans reach the family table before the first checkpoint (a plan applies to later checkpoints only)

            // c1, twice; the start latency of its runs
            Checkpoint c1 = checkpoint(family, "c1", 100L, stub);
            Set<String> c1Runs = Set.of(PlannedRuns.runId(family, "c1", "greedy"), PlannedRuns.runId(family, "c1", "sampled"));
            long sent;
            long firstPrompt;
            long firstResult;
            try (KafkaConsumer<String, byte[]> prompts = tail(config, Topics.PROMPTS);
                 KafkaConsumer<String, byte[]> results = tail(config, Topics.RESULTS)) {
                sent = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, family, c1)).get();
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, family, c1)).get();
                firstPrompt = awaitKeyOf(prompts, c1Runs, sent);
                firstResult = awaitKeyOf(results, c1Runs, sent);
            }
            System.out.printf("[planner-it] start latency: checkpoint sent -> first prompt %d ms, -> first result %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(firstPrompt - sent), TimeUnit.NANOSECONDS.toMillis(firstResult - sent));

            // c2, then SIGKILL of the scorer right after it is sent: the planner dies before, during or after starting c2's runs
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, family, checkpoint(family, "c2", 200L, stub))).get();
            Thread.sleep(300); // within the ~0.6 s the planner takes from a checkpoint to its committed prompts
            long pid = ItStack.stack().status().of(Component.SCORER).orElseThrow().pid();
            ProcessHandle scorer = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no scorer running"));
            assertTrue(scorer.info().commandLine().orElse("").contains("scoring-service"), "pid " + pid + " is the scorer");
            scorer.destroyForcibly();
            scorer.onExit().get(30, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();
            new LocalStack(config.withComponents(java.util.EnumSet.of(Component.SCORER))).up();
            System.out.printf("[planner-it] scorer killed with SIGKILL 300 ms after c2 was sent; restarted and ready in %.1f s%n",
                    (System.nanoTime() - killedAt) / 1e9);
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, family, c1)).get();
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, family, checkpoint(family, "c2", 200L, stub))).get();

            Map<String, Integer> expected = new TreeMap<>();
            for (String c : List.of("c1", "c2")) {
                nOfPlan.forEach((plan, n) -> expected.put(PlannedRuns.runId(family, c, plan), n));
            }
            for (var e : expected.entrySet()) {
                JsonNode view = awaitComplete(http, e.getKey());
                assertEquals(TASKS * e.getValue(), view.get("samples_scored").asLong(), view.toString());
                assertEquals(TASKS * e.getValue(), view.get("samples_total").asLong(), view.toString());
                // even sample indexes are canonical: n=1 passes all, n=4 passes half
                assertEquals(e.getValue() == 1 ? 1.0 : 0.5, view.get("pass_at_k").get("1").asDouble(), 1e-12, view.toString());
            }

            // the runs topic: exactly the four runs, each Run record once
            Map<String, Integer> runRecords = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> r : CommittedRecords.readAll(config, Topics.RUNS, WAIT)) {
                if (r.key() != null && r.key().startsWith(family) && r.value() != null) {
                    Run run = new AvroDeserializer<>(Run.class, RegistryClient.shared(config.registryUrl()))
                            .deserialize(Topics.RUNS, r.value());
                    assertEquals(family, run.getFamily());
                    runRecords.merge(run.getRunId(), 1, Integer::sum);
                }
            }
            assertEquals(expected.keySet(), runRecords.keySet(), "exactly the planned runs");
            runRecords.forEach((run, count) -> assertEquals(1, count, "run " + run + " written " + count + " times"));

            // the prompts topic: each (run, task, range) once, ranges covering 0..n-1, prompt text only
            Map<String, Integer> promptsByKey = new HashMap<>();
            Map<String, Set<Integer>> indexes = new HashMap<>();
            AvroDeserializer<Prompt> prompts = new AvroDeserializer<>(Prompt.class, RegistryClient.shared(config.registryUrl()));
            for (ConsumerRecord<String, byte[]> r : CommittedRecords.readAll(config, Topics.PROMPTS, WAIT)) {
                if (r.key() == null || !r.key().startsWith(family)) {
                    continue;
                }
                Prompt p = prompts.deserialize(Topics.PROMPTS, r.value());
                assertTrue(expected.containsKey(p.getRunId()), "a prompt of an unplanned run: " + p.getRunId());
                assertNull(promptsByKey.put(r.key(), 1), "prompt " + r.key() + " written twice");
                assertTrue(canonical.containsKey(p.getPrompt()), "the problem's prompt text: " + p.getPrompt());
                assertFalse(p.toString().contains("def check("), "a prompt carries no test");
                for (int i = p.getSampleStart(); i < p.getSampleEnd(); i++) {
                    assertTrue(indexes.computeIfAbsent(p.getRunId() + "#" + p.getTaskId(), k -> new TreeSet<>()).add(i));
                }
            }
            for (var e : expected.entrySet()) {
                for (Problem p : problems) {
                    Set<Integer> got = indexes.get(e.getKey() + "#" + p.getTaskId());
                    assertEquals(e.getValue(), got == null ? 0 : got.size(), e.getKey() + " " + p.getTaskId());
                }
            }
            System.out.printf("[planner-it] %d runs, %d prompts, each once; %d Run records%n", runRecords.size(),
                    promptsByKey.size(), runRecords.values().stream().mapToInt(Integer::intValue).sum());

            // history: both checkpoints in step order, each with its two complete runs
            JsonNode history = http.json("/families/" + family + "/history", WAIT);
            System.out.println("[planner-it] history " + history);
            assertEquals(family, history.get("family").asText());
            assertEquals(2, history.get("checkpoints").size());
            assertEquals("c1", history.get("checkpoints").get(0).get("checkpoint").asText());
            assertEquals(100, history.get("checkpoints").get(0).get("step").asLong());
            assertEquals("c2", history.get("checkpoints").get(1).get("checkpoint").asText());
            for (JsonNode c : history.get("checkpoints")) {
                assertEquals(2, c.get("runs").size(), c.toString());
                for (JsonNode run : c.get("runs")) {
                    assertTrue(run.get("complete").asBoolean(), run.toString());
                    assertTrue(run.get("pass_at_k").has("1") && run.get("standard_error").has("1"), run.toString());
                }
            }
        }
    }

    private static Checkpoint checkpoint(String family, String name, long step, OpenAiStub stub) {
        return Checkpoint.newBuilder().setFamily(family).setCheckpoint(name).setStep(step).setBackend("openai")
                .setBackendOptions(Map.of("base_url", stub.baseUrl(), "model", "stub-" + name))
                .setLabels(Map.of("it", "planner")).setPublishedAt(Instant.now()).build();
    }

    private static KafkaProducer<String, SpecificRecord> producer(StackConfig config) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new AvroSerializer<>(RegistryClient.shared(config.registryUrl())));
    }

    /** A consumer at the end of every partition of the topic: sees only what comes next. */
    private static KafkaConsumer<String, byte[]> tail(StackConfig config, String topic) {
        KafkaConsumer<String, byte[]> c = CommittedRecords.consumer(config);
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    /** The time the first record keyed by one of the runs arrived. */
    private static long awaitKeyOf(KafkaConsumer<String, byte[]> c, Set<String> runs, long since) {
        long deadline = since + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                if (r.key() != null && r.key().indexOf(Keys.SEP) > 0 && runs.contains(Keys.runOf(r.key()))) {
                    return System.nanoTime();
                }
            }
        }
        throw new AssertionError("nothing of " + runs + " within " + WAIT);
    }

    private static JsonNode awaitComplete(ScorerHttp http, String run) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            ScorerHttp.Answer a = http.get("/runs/" + run);
            view = a.status() == 200 ? a.json() : null;
            if (view != null && view.get("complete").asBoolean()) {
                Thread.sleep(1500); // anything counted twice would show up now
                return http.json("/runs/" + run, WAIT);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + run + " not complete after " + WAIT + ": " + view);
    }
}
