package dev.evalstream.scoring.failures;

import dev.evalstream.events.DeadLetter;
import java.util.Map;

/**
 * Where the exception handlers put the records they take out of the stream. {@link #send} returns
 * only once the dead letter is written, and throws otherwise, so a handler that cannot write one
 * fails the thread instead of dropping the record.
 */
public interface DeadLetterSink {
    /** Streams config key under which a test may pass its own sink to the handlers. */
    String CONFIG = "evalstream.scorer.dead-letter-sink";

    /**
     * Writes the dead letter under this key (the input's key, as the topology keys its dead letters).
     *
     * @throws RuntimeException when it was not written
     */
    void send(byte[] key, DeadLetter letter);

    /**
     * A Kafka sink (idempotent, acks=all, waits for the acknowledgement) for dead letters written
     * outside the stream threads, such as the alerts webhook's failed deliveries.
     */
    static DeadLetterSink kafka(String bootstrapServers, String registryUrl, String topic) {
        return KafkaDeadLetterSink.shared(Map.of("bootstrap.servers", bootstrapServers,
                KafkaDeadLetterSink.REGISTRY_URL, registryUrl, KafkaDeadLetterSink.TOPIC, topic));
    }

    /** The sink in the handler's configs, else the Kafka sink those configs describe. */
    static DeadLetterSink from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterSink s ? s : KafkaDeadLetterSink.shared(configs);
    }
}
