package dev.evalstream.scoring.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evalstream.events.Alert;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.failures.RecordingSink;
import dev.evalstream.scoring.model.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against real local HTTP servers (the JDK's): one answering 200 gets each alert's
 * JSON once; one answering 500, and one that never answers, get the bounded attempts and then the
 * alert is a dead letter with the reason; the consumer goes on and commits after each poll.
 */
class WebhookDeliveryTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.ALERTS, 0);
    private InProcessRegistry registry;
    private AvroCodec<Alert> codec;
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        registry = new InProcessRegistry();
        codec = new AvroCodec<>(Alert.class, new RegistryClient(registry.url()), false);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            requests.incrementAndGet();
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.createContext("/hangs", ex -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(3_000); // past the poster's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        registry.close();
    }

    @Test
    void aWebhookThatAnswers200GetsEachAlertsJsonOnce() throws Exception {
        RecordingSink sink = new RecordingSink();
        MockConsumer<String, byte[]> consumer = consumer(alert("step-4000"), alert("step-5000"));
        WebhookDelivery delivery = new WebhookDelivery(consumer, codec, poster("/ok"), sink);

        assertEquals(2, delivery.deliverOnce(Duration.ofMillis(10)));
        assertEquals(2, bodies.size());
        JsonNode first = Json.MAPPER.readTree(bodies.get(0));
        assertEquals("step-4000", first.get("checkpoint").asText());
        assertEquals("step-3000", first.get("baseline").asText());
        assertEquals(0.0123, first.get("p_value").asDouble());
        assertEquals(-0.4, first.get("delta").asDouble(), 1e-12);
        assertEquals("[\"T/1\",\"T/2\"]", first.get("tasks_regressed").toString());
        assertEquals(0, sink.letters.size());
        assertEquals(Map.of(P0, new OffsetAndMetadata(2)), consumer.committed(java.util.Set.of(P0)));
        assertEquals(0, delivery.deliverOnce(Duration.ofMillis(10)), "nothing is delivered twice");
    }

    @Test
    void a500AfterEveryAttemptMakesADeadLetterAndTheConsumerGoesOn() throws Exception {
        RecordingSink sink = new RecordingSink();
        MockConsumer<String, byte[]> consumer = consumer(alert("step-4000"));
        assertEquals(1, new WebhookDelivery(consumer, codec, poster("/broken"), sink).deliverOnce(Duration.ofMillis(10)));
        assertEquals(3, requests.get(), "three attempts");
        assertEquals(1, sink.letters.size());
        assertEquals("fam|p|step-4000", sink.keys.get(0));
        assertTrue(sink.letters.get(0).getReason().contains("answered HTTP 500 (3 attempts"), sink.letters.get(0).getReason());
        assertEquals(Topics.ALERTS, sink.letters.get(0).getSourceTopic());
        assertEquals(Map.of(P0, new OffsetAndMetadata(1)), consumer.committed(java.util.Set.of(P0)), "committed after the dead letter");
    }

    @Test
    void aWebhookThatNeverAnswersTimesOutIntoADeadLetter() throws Exception {
        RecordingSink sink = new RecordingSink();
        MockConsumer<String, byte[]> consumer = consumer(alert("step-4000"));
        long start = System.nanoTime();
        new WebhookDelivery(consumer, codec, new WebhookPoster(url("/hangs"), 2, Duration.ofMillis(10),
                Duration.ofMillis(300)), sink).deliverOnce(Duration.ofMillis(10));
        assertEquals(2, requests.get());
        assertTrue(sink.letters.get(0).getReason().contains("HttpTimeoutException"), sink.letters.get(0).getReason());
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "bounded by attempts x timeout, not the server");
    }

    @Test
    void anUnreadableRecordIsADeadLetterToo() throws Exception {
        RecordingSink sink = new RecordingSink();
        MockConsumer<String, byte[]> consumer = consumer();
        consumer.addRecord(new ConsumerRecord<>(Topics.ALERTS, 0, 0, "junk", new byte[] {1, 2, 3}));
        new WebhookDelivery(consumer, codec, poster("/ok"), sink).deliverOnce(Duration.ofMillis(10));
        assertEquals(0, requests.get());
        assertTrue(sink.letters.get(0).getReason().startsWith("alert not readable"), sink.letters.get(0).getReason());
    }

    private WebhookPoster poster(String path) {
        return new WebhookPoster(url(path), 3, Duration.ofMillis(10), Duration.ofSeconds(2));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private MockConsumer<String, byte[]> consumer(Alert... alerts) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        for (int i = 0; i < alerts.length; i++) {
            consumer.addRecord(new ConsumerRecord<>(Topics.ALERTS, 0, i, "fam|p|" + alerts[i].getCheckpoint(),
                    codec.encode(Topics.ALERTS, alerts[i])));
        }
        return consumer;
    }

    private static Alert alert(String checkpoint) {
        return Alert.newBuilder().setFamily("fam").setPlan("p").setCheckpoint(checkpoint).setBaseline("step-3000")
                .setRunId("r4").setBaselineRunId("r3").setK(1).setValue(0.3).setBaselineValue(0.7).setDelta(0.3 - 0.7)
                .setPValue(0.0123).setTasksRegressed(List.of("T/1", "T/2")).setAt(Instant.ofEpochMilli(5)).build();
    }
}
