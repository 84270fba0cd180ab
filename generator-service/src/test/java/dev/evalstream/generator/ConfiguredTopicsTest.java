package dev.evalstream.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic names are configuration, but the configured names must be the contract's. */
class ConfiguredTopicsTest {
    private static final Properties CONFIG = new Properties();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ConfiguredTopicsTest.class.getResourceAsStream("/application.properties")) {
            CONFIG.load(in);
        }
    }

    @Test
    void channelsUseTheTopicsConstants() {
        assertEquals(Topics.PROMPTS, CONFIG.getProperty("mp.messaging.incoming.prompts.topic"));
        assertEquals(Topics.SAMPLES, CONFIG.getProperty("mp.messaging.outgoing.samples.topic"));
        assertEquals(Topics.DEAD_LETTERS, CONFIG.getProperty("mp.messaging.outgoing.dead-letters.topic"));
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
            assertTrue(!CONFIG.getProperty(name).contains(Topics.PROBLEMS), name + " names the problems topic");
        }
    }
}
