package dev.evalstream.generator.messaging;

import dev.evalstream.generator.GeneratorConfig;
import dev.evalstream.generator.PromptHandler;
import dev.evalstream.schemas.serde.RegistryPatience;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport only: hands each prompt record to {@link PromptHandler} and publishes the outcome.
 * Runs on the bounded "generation" worker pool, unordered, so at most that many prompts are in
 * generation at once; when all workers are busy the connector's queue fills and it pauses the
 * consumer (backpressure). The record is acknowledged, and so becomes committable, only when
 * this method returns, which is after every sample (or the dead letter) was acknowledged by
 * the broker. While the schema registry cannot be reached to decode it, the record waits (bounded).
 */
@ApplicationScoped
public class PromptsConsumer {

    @Inject
    PromptHandler handler;

    @Inject
    OutcomePublisher publisher;

    private final RegistryPatience registry;

    @Inject
    PromptsConsumer(GeneratorConfig config) {
        this.registry = new RegistryPatience(config.generator().registryPatience());
    }

    @Incoming("prompts")
    @Blocking(value = "generation", ordered = false)
    public void prompts(ConsumerRecord<String, byte[]> record) {
        // decoding comes before generating, so retrying handle() never generates twice; sends are
        // retried by the Kafka connector itself (bounded by delivery.timeout.ms), serialization included
        publisher.publish(registry.call("decoding a prompt", () -> handler.handle(record.topic(), record.partition(),
                record.offset(), record.key(), record.value())));
    }
}
