package dev.evalstream.executor.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Result;
import dev.evalstream.executor.Outbox;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed against Kafka's own MockConsumer (the broker is the boundary here; the real broker
 * is exercised by the integration tests): loading, tombstones, bad records, catch-up.
 */
class ProblemFeedTest {
    static final TopicPartition P0 = new TopicPartition(Topics.PROBLEMS, 0);
    static final TopicPartition P1 = new TopicPartition(Topics.PROBLEMS, 1);

    InProcessRegistry registry;
    AvroCodec<Problem> codec;
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    Map<TopicPartition, Long> ends = new HashMap<>(Map.of(P0, 0L, P1, 0L));
    ProblemFeed feed;

    @BeforeEach
    void start() throws Exception {
        registry = new InProcessRegistry();
        codec = AvroCodec.forValues(Problem.class, registry.url());
        consumer.updatePartitions(Topics.PROBLEMS, List.of(
                new PartitionInfo(Topics.PROBLEMS, 0, null, null, null),
                new PartitionInfo(Topics.PROBLEMS, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(ends);
        Outbox outbox = new Outbox() {
            @Override
            public CompletionStage<Void> result(String key, Result result) {
                throw new AssertionError("the feed publishes no results");
            }

            @Override
            public CompletionStage<Void> deadLetter(String key, DeadLetter letter) {
                deadLetters.add(letter);
                return CompletableFuture.completedFuture(null);
            }
        };
        feed = new ProblemFeed(consumer, Topics.PROBLEMS, codec, outbox);
        feed.start();
        long deadline = System.currentTimeMillis() + 5000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, consumer.assignment().size(), "every partition assigned");
    }

    @AfterEach
    void stop() {
        feed.close();
        registry.close();
    }

    static Problem problem(String dataset, String task, String prompt) {
        return Problem.newBuilder().setDataset(dataset).setTaskId(task).setPrompt(prompt).setEntryPoint("f")
                .setTest("def check(c): pass").setContentHash("h").build();
    }

    void publish(TopicPartition tp, String key, byte[] value) {
        long offset = ends.get(tp);
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
        ends.put(tp, offset + 1);
        consumer.updateEndOffsets(ends);
    }

    void publish(TopicPartition tp, Problem p) {
        publish(tp, Keys.problem(p.getDataset(), p.getTaskId()), codec.encode(Topics.PROBLEMS, p));
    }

    void caughtUp() throws Exception {
        feed.caughtUp().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void loadsEveryPartitionAndReportsLoaded() throws Exception {
        publish(P0, problem("ds-1", "T/0", "a"));
        publish(P1, problem("ds-1", "T/1", "b"));
        publish(P1, problem("ds-2", "T/0", "c"));
        caughtUp();
        assertEquals("a", feed.find("ds-1", "T/0").orElseThrow().getPrompt());
        assertEquals("b", feed.find("ds-1", "T/1").orElseThrow().getPrompt());
        assertEquals("c", feed.find("ds-2", "T/0").orElseThrow().getPrompt(), "datasets do not collide");
        assertEquals(3, feed.size());
        long deadline = System.currentTimeMillis() + 5000;
        while (!feed.loaded() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(feed.loaded());
    }

    @Test
    void theLatestValueWinsAndATombstoneRemoves() throws Exception {
        publish(P0, problem("ds", "T/0", "old"));
        publish(P0, problem("ds", "T/0", "new"));
        publish(P1, problem("ds", "T/1", "x"));
        caughtUp();
        assertEquals("new", feed.find("ds", "T/0").orElseThrow().getPrompt());
        publish(P1, Keys.problem("ds", "T/1"), null);
        caughtUp();
        assertTrue(feed.find("ds", "T/1").isEmpty());
        assertEquals(1, feed.size());
    }

    @Test
    void anUndecodableProblemIsDeadLetteredAndTheFeedGoesOn() throws Exception {
        publish(P0, "ds|T/9", "garbage".getBytes(StandardCharsets.UTF_8));
        publish(P0, problem("ds", "T/0", "fine"));
        caughtUp();
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).getReason().startsWith("undecodable Problem"), deadLetters.get(0).getReason());
        assertEquals(0L, deadLetters.get(0).getSourceOffset());
        assertTrue(feed.find("ds", "T/0").isPresent());
    }

    @Test
    void whileTheRegistryIsDownProblemsAreReadAgainLaterNotDeadLettered() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort(); // free now, nothing listens there until the second registry starts
        }
        String url = "http://127.0.0.1:" + port;
        feed.close();
        consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(Topics.PROBLEMS, List.of(new PartitionInfo(Topics.PROBLEMS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        ends = new HashMap<>(Map.of(P0, 0L));
        consumer.updateEndOffsets(ends);
        // a fresh client, not RegistryClient.shared: the port may be one an earlier test's registry
        // used, and the shared client's cached ids would then never reach the new registry
        RegistryClient client = new RegistryClient(url);
        feed = new ProblemFeed(consumer, Topics.PROBLEMS, new AvroCodec<>(Problem.class, client, false), new Outbox() {
            @Override
            public CompletionStage<Void> result(String key, Result result) {
                throw new AssertionError();
            }

            @Override
            public CompletionStage<Void> deadLetter(String key, DeadLetter letter) {
                deadLetters.add(letter);
                return CompletableFuture.completedFuture(null);
            }
        });
        feed.start();
        long deadline = System.currentTimeMillis() + 5000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        long offset = ends.get(P0);
        byte[] key = Keys.problem("ds", "T/0").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = codec.encode(Topics.PROBLEMS, problem("ds", "T/0", "kept")); // the working registry's schema id
        publish(P0, Keys.problem("ds", "T/0"), bytes);
        // longer than the registry client's bounded retries (about 3 s), so the feed sees the outage
        Thread.sleep(4500);
        assertTrue(feed.find("ds", "T/0").isEmpty());
        assertEquals(0, deadLetters.size(), "a registry outage is not the record's fault");

        try (InProcessRegistry second = new InProcessRegistry(port)) {
            new AvroCodec<>(Problem.class, new RegistryClient(second.url()), false).encode(Topics.PROBLEMS, problem("x", "y", "z")); // same id 1
            // a broker serves the record again after the feed's seek back; MockConsumer forgets
            // what it returned once, so hand it the same record at the same offset
            consumer.addRecord(new ConsumerRecord<>(P0.topic(), P0.partition(), offset, key, bytes));
            deadline = System.currentTimeMillis() + 20000;
            while (feed.find("ds", "T/0").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("kept", feed.find("ds", "T/0").orElseThrow().getPrompt());
            assertEquals(0, deadLetters.size());
        }
    }

    @Test
    void catchingUpWaitsForWhatWasPublishedBeforeTheRequest() throws Exception {
        caughtUp();
        // the broker already counts a record the feed has not fetched yet
        ends.put(P1, 1L);
        consumer.updateEndOffsets(ends);
        CompletableFuture<Void> request = feed.caughtUp().toCompletableFuture();
        Thread.sleep(300);
        assertFalse(request.isDone(), "must wait for offset 0 of partition 1");
        ends.put(P1, 0L);
        publish(P1, problem("ds", "T/5", "late"));
        request.get(10, TimeUnit.SECONDS);
        assertTrue(feed.find("ds", "T/5").isPresent());
    }
}
