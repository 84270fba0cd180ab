package dev.evalstream.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.schemas.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The channels' topics come from Topics through configuration; the properties spell none of them. */
class ConfiguredTopicsTest {
    private static final Properties CONFIG = new Properties();
    private static String text;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ConfiguredTopicsTest.class.getResourceAsStream("/application.properties")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CONFIG.load(new java.io.StringReader(text));
    }

    @Test
    void channelsUseTheTopicsConstants() throws IOException {
        // application.properties over the discovered sources (schemas' TopicsConfigSource among them), as at run time
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(ConfiguredTopicsTest.class.getResource("/application.properties"), 250))
                .build();
        assertEquals(Topics.PROMPTS, config.getValue("mp.messaging.incoming.prompts.topic", String.class));
        assertEquals(Topics.SAMPLES, config.getValue("mp.messaging.outgoing.samples.topic", String.class));
        assertEquals(Topics.DEAD_LETTERS, config.getValue("mp.messaging.outgoing.dead-letters.topic", String.class));
        for (String topic : Topics.ALL) {
            assertFalse(text.contains(topic), "application.properties spells " + topic);
        }
    }

    @Test
    void consumerGroupAndRawBytes() {
        assertEquals("evalstream-generator", CONFIG.getProperty("mp.messaging.incoming.prompts.group.id"));
        assertEquals("org.apache.kafka.common.serialization.ByteArrayDeserializer",
                CONFIG.getProperty("mp.messaging.incoming.prompts.value.deserializer"));
    }

    @Test
    void theGeneratorNeverSubscribesToProblems() {
        for (String name : CONFIG.stringPropertyNames()) {
            assertTrue(!CONFIG.getProperty(name).contains("evalstream.topics.problems"), name + " names the problems topic");
        }
    }
}
