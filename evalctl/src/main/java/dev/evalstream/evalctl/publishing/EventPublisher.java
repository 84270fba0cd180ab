package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.schemas.serde.AvroSerdeConfig;
import dev.evalstream.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events durably: acks=all and idempotence, so a retried send is neither lost nor
 * duplicated on the broker. Sends are asynchronous; {@link #flush()} waits for all of them and
 * reports the first failure. Timeouts are short so an absent broker fails fast.
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final AvroSerializer<SpecificRecord> serializer;
    private final String bootstrap;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    public EventPublisher(String bootstrapServers, String registryUrl) {
        this.bootstrap = bootstrapServers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);      // no broker: fail in 15 s, not 60
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "evalctl");
        p.put(AvroSerdeConfig.REGISTRY_URL, registryUrl);
        serializer = configured(registryUrl);
        try {
            producer = new KafkaProducer<>(p, new StringSerializer(), serializer);
        } catch (KafkaException e) {
            throw EvalctlException.unavailable("cannot create a Kafka producer for " + bootstrapServers + ": " + e.getMessage());
        }
    }

    private static AvroSerializer<SpecificRecord> configured(String registryUrl) {
        AvroSerializer<SpecificRecord> s = new AvroSerializer<>();
        s.configure(java.util.Map.of(AvroSerdeConfig.REGISTRY_URL, registryUrl), false);
        return s;
    }

    public void send(String topic, String key, SpecificRecord value) {
        rethrow();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            sent++;
        } catch (RuntimeException e) {
            // serialization (registry unreachable) and metadata timeouts surface here
            throw EvalctlException.unavailable("cannot publish to " + topic + " via " + bootstrap + ": " + e.getMessage());
        }
    }

    /**
     * Connects before the first send: fetches each topic's partitions and resolves the schema id
     * of each example's type with the registry (both cached by the producer and the serializer),
     * so that the sends that follow start at once. Fails like {@link #send} when either is away.
     */
    public void prepare(Map<String, SpecificRecord> exampleByTopic) {
        exampleByTopic.forEach((topic, example) -> {
            try {
                producer.partitionsFor(topic);
                serializer.serialize(topic, example);
            } catch (RuntimeException e) {
                throw EvalctlException.unavailable("cannot prepare publishing to " + topic + " via " + bootstrap + ": "
                        + e.getMessage());
            }
        });
    }

    /** Blocks until every send is acknowledged by all in-sync replicas; fails on the first error. */
    public void flush() {
        producer.flush();
        rethrow();
    }

    public long sent() {
        return sent;
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw EvalctlException.unavailable("Kafka at " + bootstrap + " rejected a record: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
