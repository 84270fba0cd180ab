package dev.evalstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Problem;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerdeConfig;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real broker and the real Apicurio Registry through LocalStack in a private run dir
 * on free ports, uses them, and checks that down() leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {
    @TempDir
    static Path runDir;

    private LocalStack stack;
    private StackStatus first;

    @BeforeAll
    void up() {
        Path project = Path.of(System.getProperty("evalstream.project.dir", "..")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.defaults(project).withRunDir(runDir).withPorts(Ports.free())
                .withComponents(EnumSet.of(Component.KAFKA, Component.REGISTRY))
                .withReadyTimeout(Duration.ofSeconds(90));
        stack = new LocalStack(config).onProgress(System.out::println);
        first = stack.up();
    }

    @AfterAll
    void down() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void upReportsKafkaAndRegistryReadyAndNothingElse() {
        assertTrue(first.allReady(EnumSet.of(Component.KAFKA, Component.REGISTRY)), first.toString());
        for (Component service : Component.SERVICES) {
            assertFalse(first.of(service).orElseThrow().running(), service + " should not run");
        }
        StackStatus now = stack.status();
        assertTrue(now.allReady(EnumSet.of(Component.KAFKA, Component.REGISTRY)), now.toString());
        assertTrue(now.of(Component.KAFKA).orElseThrow().rssKiB() > 0);
    }

    @Test
    @Order(2)
    void upAgainReusesTheRunningProcesses() {
        StackStatus again = stack.up();
        for (Component c : List.of(Component.KAFKA, Component.REGISTRY)) {
            assertEquals(first.of(c).orElseThrow().pid(), again.of(c).orElseThrow().pid(), c + " was restarted");
        }
    }

    @Test
    @Order(3)
    void everyTopicExistsWithItsCleanupPolicy() throws Exception {
        try (Admin admin = TopicPlan.admin(stack.config().bootstrapServers())) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            assertEquals(Topics.ALL.size(), topics.size());
            topics.values().forEach(t -> assertEquals(TopicPlan.PARTITIONS, t.partitions().size(), t.name()));
            for (String name : Topics.ALL) {
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, name);
                String policy = admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value();
                assertEquals(Topics.COMPACTED.contains(name) ? "compact" : "delete", policy, name);
            }
        }
    }

    @Test
    @Order(4)
    void avroEventsRoundTripThroughKafkaAndTheRegistry() {
        String registry = stack.config().registryUrl();
        String dataset = "roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
        Problem sent = Problem.newBuilder().setDataset(dataset).setTaskId("t/0").setPrompt("def f():\n")
                .setEntryPoint("f").setTest("def check(c):\n    assert c() == 1\n").setContentHash("abc")
                .build();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                // by class name, as services configure it, so Kafka calls configure()
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.REGISTRY_URL, registry);
        try (KafkaProducer<String, Problem> producer =
                     new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(Topics.PROBLEMS, Keys.problem(dataset, "t/0"), sent)).get();
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.REGISTRY_URL, registry,
                AvroSerdeConfig.VALUE_TYPE, Problem.class.getName());
        List<Problem> received = new ArrayList<>();
        try (KafkaConsumer<String, Problem> consumer =
                     new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(Topics.PROBLEMS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Problem> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().getDataset().equals(dataset)) {
                        received.add(r.value());
                    }
                }
            }
        }
        assertEquals(List.of(sent), received);
    }

    @Test
    @Order(5)
    void theRegistryRefusesABackwardIncompatibleChange() {
        RegistryClient registry = new RegistryClient(stack.config().registryUrl());
        String subject = "compat-probe-" + UUID.randomUUID();
        Schema v1 = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        // a new field without a default: new readers cannot read old records
        Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}]}");
        // the same change with a default is allowed
        Schema v2WithDefault = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}");
        registry.register(subject, v1);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> registry.register(subject, v2));
        assertTrue(refused.getMessage().contains("409"), refused.getMessage());
        assertTrue(registry.register(subject, v2WithDefault) > 0);
    }

    @Test
    @Order(6)
    void aStoppedBrokerStartsAgainWithItsRecordsKept() throws Exception {
        String key = "kept-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUNS, key, "before the restart")).get();
        }
        long before = stack.status().of(Component.KAFKA).orElseThrow().pid();
        assertTrue(stack.stop(Component.KAFKA), "the broker was running");
        assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false), "pid " + before + " still alive");
        assertFalse(stack.status().of(Component.KAFKA).orElseThrow().running());
        assertTrue(stack.status().of(Component.REGISTRY).orElseThrow().running(), "only the broker stops");
        assertFalse(stack.stop(Component.KAFKA), "a second stop has nothing to stop");

        StackStatus again = stack.up();
        assertTrue(again.allReady(EnumSet.of(Component.KAFKA, Component.REGISTRY)), again.toString());
        assertFalse(again.of(Component.KAFKA).orElseThrow().pid() == before, "a new broker process");
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kept-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
        }
        assertEquals(List.of("before the restart"), values, "the record written before the stop");
    }

    @Test
    @Order(7)
    void downStopsEveryProcessAndFreesThePorts() {
        StackStatus now = stack.status(); // the broker was restarted by the test before
        List<Long> pids = List.of(now.of(Component.KAFKA).orElseThrow().pid(),
                now.of(Component.REGISTRY).orElseThrow().pid());
        List<Component> stopped = stack.down();
        assertEquals(List.of(Component.REGISTRY, Component.KAFKA), stopped);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        }
        Ports p = stack.config().ports();
        for (int port : List.of(p.kafka(), p.controller(), p.registry(), p.registryManagement())) {
            assertTrue(Probes.portFree(port), "port " + port + " still bound");
        }
        assertFalse(stack.status().anyRunning());
        assertEquals(List.of(), stack.down(), "a second down has nothing to stop");
    }
}
