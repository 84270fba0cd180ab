package dev.evalstream.scoring.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.schemas.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** application.properties registers the handlers and gives them what they read, as Quarkus passes it on. */
class HandlerConfigTest {
    @Test
    void theStreamsConfigNamesTheHandlersAndCarriesTheirSettings() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .build();
        // what the extension hands Kafka Streams: kafka-streams.* with the prefix stripped
        Map<String, Object> streams = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka-streams.")) {
                streams.put(name.substring("kafka-streams.".length()), config.getValue(name, String.class));
            }
        }
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "x");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StreamsConfig sc = new StreamsConfig(streams);
        assertEquals(DeadLetterDeserializationHandler.class, sc.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterProcessingHandler.class, sc.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterProductionHandler.class, sc.getClass(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG));

        assertEquals(Topics.DEAD_LETTERS, streams.get(KafkaDeadLetterSink.TOPIC));
        assertEquals(config.getValue("evalstream.registry.url", String.class), streams.get(KafkaDeadLetterSink.REGISTRY_URL));
        assertEquals("30000", streams.get(KafkaDeadLetterSink.TIMEOUT_MS));
        assertEquals(3, config.getValue("evalstream.scorer.thread-replacements", Integer.class));
        assertEquals(Duration.ofMinutes(10), config.getValue("evalstream.scorer.thread-replacement-window", Duration.class));
    }
}
