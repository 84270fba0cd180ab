package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Sample;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input never stops a service: undecodable bytes on every input topic and a sample for an
 * unknown task each land in dead letters with a reason, and a good run submitted afterwards
 * still completes.
 */
@ExtendWith(ItStack.class)
class DeadLettersIT {
    private static final List<String> INPUTS = List.of(Topics.PROBLEMS, Topics.RUNS, Topics.PROMPTS, Topics.SAMPLES, Topics.RESULTS);

    @Test
    void undecodableRecordsAndUnknownTasksGoToDeadLettersAndThePipelineGoesOn() throws Exception {
        var config = ItStack.stack().config();
        String marker = "garbage-" + System.nanoTime();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : INPUTS) {
                // keys as the services expect them, values that are not Confluent wire format at all
                String key = topic.equals(Topics.RUNS) ? marker : Keys.sample(marker, "task/0", 0);
                raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                        ("{not avro} " + marker).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        Map<String, Object> serde = Map.of("schema.registry.url", config.registryUrl());
        try (KafkaProducer<String, Sample> samples = new KafkaProducer<>(props(config.bootstrapServers()),
                new StringSerializer(), serializer(serde))) {
            Sample unknown = Sample.newBuilder().setRunId(marker).setModel("m").setDataset("no-such-dataset")
                    .setTaskId("no/such/task").setSampleIndex(0).setCompletion("    return 1\n").setProducedAt(Instant.now()).build();
            samples.send(new ProducerRecord<>(Topics.SAMPLES, Keys.sample(marker, "no/such/task", 0), unknown)).get();
        }

        Map<String, List<DeadLetter>> bySource = awaitDeadLetters(config.bootstrapServers(), config.registryUrl(), marker,
                Duration.ofSeconds(90));
        for (String topic : INPUTS) {
            assertTrue(bySource.containsKey(topic), "no dead letter from " + topic + "; got " + bySource.keySet());
            DeadLetter d = bySource.get(topic).get(0);
            assertFalse(d.getReason().isBlank(), "dead letter from " + topic + " has no reason");
            assertTrue(new String(d.getValue().array(), StandardCharsets.UTF_8).contains(marker),
                    "dead letter from " + topic + " must carry the original bytes");
        }
        assertTrue(bySource.get(Topics.SAMPLES).stream().anyMatch(d -> d.getReason().contains("no/such/task")),
                "the unknown task's dead letter must name it: " + bySource.get(Topics.SAMPLES));

        // and the services go on: a good run completes after the bad input
        Path problems = ItStack.itDir().resolve("dl-problems.jsonl");
        Path samplesFile = ItStack.itDir().resolve("dl-samples.jsonl");
        List<JsonNode> five = HumanEvalFiles.problemNodes().subList(0, 5);
        Files.write(problems, five.stream().map(JsonNode::toString).toList());
        Files.write(samplesFile, five.stream().map(n -> Json.MAPPER.createObjectNode()
                .put("task_id", n.get("task_id").asText()).put("completion", n.get("canonical_solution").asText()).toString()).toList());
        String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samplesFile.toString(),
                "--k", "1", "--wait").lastLine();
        JsonNode passk = Json.parse(Evalctl.ok("passk", run, "--json").stdout());
        assertEquals(5, passk.get("samples_scored").asInt());
        assertEquals(1.0, passk.get("pass_at_k").get("1").asDouble());
    }

    @SuppressWarnings("unchecked")
    private static AvroSerializer<Sample> serializer(Map<String, Object> serde) {
        AvroSerializer<Sample> s = new AvroSerializer<>();
        s.configure(serde, false);
        return s;
    }

    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** Reads the dead-letter topic from the beginning until letters carrying the marker came from every input. */
    private static Map<String, List<DeadLetter>> awaitDeadLetters(String bootstrap, String registryUrl, String marker,
                                                                  Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, List<DeadLetter>> found = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(DeadLetter.class, RegistryClient.shared(registryUrl)))) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.DEAD_LETTERS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(500))) {
                    DeadLetter d = r.value();
                    boolean ours = (d.getValue() != null && new String(d.getValue().array(), StandardCharsets.UTF_8).contains(marker))
                            || d.getReason().contains("no/such/task");
                    if (ours) {
                        found.computeIfAbsent(d.getSourceTopic(), k -> new java.util.ArrayList<>()).add(d);
                    }
                }
                if (found.keySet().containsAll(INPUTS) && found.get(Topics.SAMPLES).size() >= 2) {
                    break;
                }
            }
        }
        return found;
    }
}
