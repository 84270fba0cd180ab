package dev.evalstream.executor.messaging;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.executor.Outbox;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Results and dead letters, sent by one plain KafkaProducer. Each send completes when the
 * broker acknowledges the record (or fails when the producer gives up), which is what lets
 * the samples channel commit only what has been answered. A plain producer rather than a
 * SmallRye emitter: measured, the emitter's per-message path (a hand-off to its own sender
 * thread, Mutiny operators, context propagation, tracing) cost more JVM CPU than the sandbox
 * bookkeeping itself; the processor's in-flight limit already bounds what is buffered here.
 */
@ApplicationScoped
public class KafkaOutbox implements Outbox {
    private final Producer<String, SpecificRecord> producer;
    private final String resultsTopic;
    private final String deadLettersTopic;

    @Inject
    public KafkaOutbox(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "evalstream.registry.url") String registryUrl,
                       @ConfigProperty(name = "evalstream.topics.results") String resultsTopic,
                       @ConfigProperty(name = "evalstream.topics.dead-letters") String deadLettersTopic,
                       @ConfigProperty(name = "evalstream.executor.producer.linger", defaultValue = "20ms") Duration linger) {
        this(new KafkaProducer<>(settings(bootstrapServers, linger),
                new StringSerializer(), new AvroSerializer<>(RegistryClient.shared(registryUrl))),
                resultsTopic, deadLettersTopic);
    }

    KafkaOutbox(Producer<String, SpecificRecord> producer, String resultsTopic, String deadLettersTopic) {
        this.producer = producer;
        this.resultsTopic = resultsTopic;
        this.deadLettersTopic = deadLettersTopic;
    }

    /** Durable and ordered per partition; batched, because results are small and many. */
    static Map<String, Object> settings(String bootstrapServers, Duration linger) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "evalstream-executor-out-" + ProcessHandle.current().pid());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a result waits up to this long for company: one request per batch instead of one per sample
        // costs the producer's I/O thread and the broker far less, and 20 ms is nothing next to a run
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        // bounded so a broker outage fails sends (the samples are then redelivered) rather than hanging forever
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return p;
    }

    @Override
    public CompletionStage<Void> result(String key, Result result) {
        return send(resultsTopic, key, result);
    }

    @Override
    public CompletionStage<Void> deadLetter(String key, DeadLetter letter) {
        return send(deadLettersTopic, key, letter);
    }

    private CompletionStage<Void> send(String topic, String key, SpecificRecord value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) { // serialization (registry down) or a closed producer
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /** Flushes what is pending, so acknowledged-but-uncommitted work is not redone needlessly. */
    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
