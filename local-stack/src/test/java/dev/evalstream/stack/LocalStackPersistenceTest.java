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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 * The local stack's data across down and up (DESIGN: only down --purge discards it), on the real
 * broker and registry in a private run dir on free ports: a record written through the registry
 * outlives down and up and decodes with the same schema id; a registry whose storage was lost
 * while Kafka kept the records refuses to start, naming the topic and the id; purge empties it.
 * The tests build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackPersistenceTest {
    @TempDir
    static Path runDir;

    private LocalStack stack;
    private Problem sent;
    private int sentSchemaId;

    @BeforeAll
    void up() throws Exception {
        Path project = Path.of(System.getProperty("evalstream.project.dir", "..")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.defaults(project).withRunDir(runDir).withPorts(Ports.free())
                .withComponents(EnumSet.of(Component.KAFKA, Component.REGISTRY))
                .withReadyTimeout(Duration.ofSeconds(120));
        stack = new LocalStack(config).onProgress(System.out::println);
        stack.up();
        String dataset = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        sent = Problem.newBuilder().setDataset(dataset).setTaskId("t/0").setPrompt("def f():\n")
                .setEntryPoint("f").setTest("def check(c):\n    assert c() == 1\n").setContentHash("abc").build();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.REGISTRY_URL, config.registryUrl());
        try (KafkaProducer<String, Problem> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(Topics.PROBLEMS, Keys.problem(dataset, "t/0"), sent)).get();
        }
        sentSchemaId = KeptSchemas.schemaId(rawValues(Topics.PROBLEMS).get(0));
        assertTrue(sentSchemaId > 0, "written in Confluent's wire format");
    }

    @AfterAll
    void down() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void aRecordOutlivesDownAndUpAndDecodesWithTheSameSchemaId() throws Exception {
        List<Long> pids = List.of(pid(Component.KAFKA), pid(Component.REGISTRY));
        assertEquals(List.of(Component.REGISTRY, Component.KAFKA), stack.down());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        }

        StackStatus again = stack.up();
        assertTrue(again.allReady(EnumSet.of(Component.KAFKA, Component.REGISTRY)), again.toString());
        List<byte[]> raw = rawValues(Topics.PROBLEMS);
        assertEquals(1, raw.size(), "the one record written before down");
        assertEquals(sentSchemaId, KeptSchemas.schemaId(raw.get(0)), "the same schema id");
        assertEquals(Problem.getClassSchema(), new RegistryClient(stack.config().registryUrl()).schema(sentSchemaId),
                "the registry still resolves the id to the schema it was written with");
        assertEquals(List.of(sent), decoded(Topics.PROBLEMS));
        assertTrue(Files.isDirectory(stack.config().kafkaDir().resolve("data")), "down kept Kafka's data dir");
    }

    @Test
    @Order(2)
    void aRegistryThatLostItsStorageWhileKafkaKeptTheRecordsRefusesToStart() throws Exception {
        assertTrue(stack.stop(Component.REGISTRY));
        // the registry's storage is the journal topic: remove it (and its siblings), keep every event topic
        try (Admin admin = TopicPlan.admin(stack.config().bootstrapServers())) {
            admin.deleteTopics(RegistryStorage.TOPICS).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.listTopics().names().get().stream().anyMatch(RegistryStorage.TOPICS::contains)) {
                assertTrue(System.nanoTime() < deadline, "registry topics not deleted after 30 s");
                Thread.sleep(200);
            }
        }
        StackException refused = assertThrows(StackException.class, stack::up);
        System.out.println("refused: " + refused.getMessage());
        assertEquals(StackException.Kind.DATA_LOST, refused.kind());
        assertTrue(refused.getMessage().contains(Topics.PROBLEMS), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema id " + sentSchemaId), refused.getMessage());
        assertTrue(refused.getMessage().contains("bin/evalctl down --purge"), refused.getMessage());
        assertFalse(stack.status().anyRunning(), "a refused stack leaves nothing running");
        assertTrue(Files.isDirectory(stack.config().kafkaDir().resolve("data")), "nor does it discard data itself");
    }

    @Test
    @Order(3)
    void purgeDiscardsEverythingAndTheNextUpIsEmpty() throws Exception {
        stack.purge();
        assertFalse(Files.exists(stack.config().kafkaDir()), "Kafka's data is gone");
        StackStatus again = stack.up();
        assertTrue(again.allReady(EnumSet.of(Component.KAFKA, Component.REGISTRY)), again.toString());
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            assertEquals(Topics.ALL.size() * TopicPlan.PARTITIONS, ends.size());
            ends.forEach((tp, end) -> assertEquals(0L, end, tp + " is not empty"));
        }
        RegistryClient.RegistryException unknown = assertThrows(RegistryClient.RegistryException.class,
                () -> new RegistryClient(stack.config().registryUrl()).schema(sentSchemaId));
        assertEquals(404, unknown.status(), "the registry forgot the schemas too");
    }

    private long pid(Component c) {
        return stack.status().of(c).orElseThrow().pid();
    }

    private KafkaConsumer<byte[], byte[]> rawConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every value of the topic, as bytes, read from the beginning to its current end. */
    private List<byte[]> rawValues(String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertTrue(System.nanoTime() < deadline, "could not read " + topic + " to its end");
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    /** Every value of the topic decoded with the project's deserializer. */
    private List<Problem> decoded(String topic) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kept-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.REGISTRY_URL, stack.config().registryUrl(),
                AvroSerdeConfig.VALUE_TYPE, Problem.class.getName()));
        List<Problem> received = new ArrayList<>();
        try (KafkaConsumer<String, Problem> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Problem> r : consumer.poll(Duration.ofMillis(500))) {
                    received.add(r.value());
                }
            }
        }
        return received;
    }
}
