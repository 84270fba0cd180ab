package dev.evalstream.scoring.failures;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Writes the handlers' dead letters with a producer of its own, Avro-encoded like the topology's,
 * and waits for the broker's acknowledgement (bounded) before the handler lets the record go.
 *
 * <p>Kafka Streams 4.1 gives its handlers no way to write into the task's transaction (KIP-1034's
 * dead-letter records in the handler response arrive after 4.1), so under exactly_once_v2 these
 * dead letters are at least once: written before the input's offset commits, and written again
 * if the transaction then aborts and the record is processed again. Never lost, possibly twice.
 *
 * <p>One sink (one producer) per configuration per JVM, shared by every handler instance.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {
    /** The dead-letters topic (application.properties passes evalstream.topics.dead-letters). */
    static final String TOPIC = "evalstream.handlers.dead-letter-topic";
    /** The schema registry the Avro serializer registers DeadLetter with. */
    static final String REGISTRY_URL = "evalstream.handlers.registry-url";
    /** How long a handler waits for a dead letter's acknowledgement before failing the thread. */
    static final String TIMEOUT_MS = "evalstream.handlers.dead-letter-timeout-ms";
    static final long DEFAULT_TIMEOUT_MS = 30_000;

    private static final Map<Map<String, Object>, KafkaDeadLetterSink> SHARED = new ConcurrentHashMap<>();

    private final Producer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> serializer;
    private final String topic;
    private final long timeoutMs;

    KafkaDeadLetterSink(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer, String topic,
                        long timeoutMs) {
        this.producer = producer;
        this.serializer = serializer;
        this.topic = topic;
        this.timeoutMs = timeoutMs;
    }

    static KafkaDeadLetterSink shared(Map<String, ?> configs) {
        String topic = required(configs, TOPIC);
        String registry = required(configs, REGISTRY_URL);
        Object timeout = configs.get(TIMEOUT_MS);
        long timeoutMs = timeout == null ? DEFAULT_TIMEOUT_MS : Long.parseLong(timeout.toString());
        Map<String, Object> producerConfig = producerConfig(configs);
        Map<String, Object> key = new HashMap<>(producerConfig);
        key.put(TOPIC, topic);
        key.put(REGISTRY_URL, registry);
        key.put(TIMEOUT_MS, timeoutMs);
        return SHARED.computeIfAbsent(key, k -> new KafkaDeadLetterSink(new KafkaProducer<>(producerConfig),
                new AvroSerializer<>(RegistryClient.shared(registry)), topic, timeoutMs));
    }

    /** Closes the shared producers (at shutdown, after Kafka Streams). */
    static void closeAll() {
        List<KafkaDeadLetterSink> sinks = List.copyOf(SHARED.values());
        SHARED.clear();
        sinks.forEach(s -> s.producer.close(java.time.Duration.ofSeconds(5)));
    }

    /**
     * The producer settings among the Streams configs (connection and security settings, and
     * producer.* overrides), made idempotent, acks=all and never transactional.
     */
    static Map<String, Object> producerConfig(Map<String, ?> configs) {
        Map<String, Object> p = new HashMap<>();
        configs.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        configs.forEach((k, v) -> {
            if (k.startsWith(StreamsConfig.PRODUCER_PREFIX)
                    && ProducerConfig.configNames().contains(k.substring(StreamsConfig.PRODUCER_PREFIX.length()))) {
                p.put(k.substring(StreamsConfig.PRODUCER_PREFIX.length()), v);
            }
        });
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        p.remove(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, (app == null ? "evalstream-scorer" : app) + "-dead-letters");
        return p;
    }

    @Override
    public void send(byte[] key, DeadLetter letter) {
        byte[] value = serializer.serialize(topic, letter);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing a dead letter to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write a dead letter to " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement of a dead letter from " + topic + " in " + timeoutMs + " ms", e);
        }
    }

    private static String required(Map<String, ?> configs, String key) {
        Object v = configs.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("the scorer's exception handlers need '" + key
                    + "' in the Kafka Streams config (kafka-streams." + key + " in application.properties)");
        }
        return v.toString();
    }
}
