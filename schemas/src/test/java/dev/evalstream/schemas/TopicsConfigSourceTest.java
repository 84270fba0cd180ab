package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic names reach configuration from Topics alone, and configuration still overrides them. */
class TopicsConfigSourceTest {
    private static final Map<String, String> APPLICATION = Map.of(
            "mp.messaging.incoming.samples.topic", "${evalstream.topics.samples}",
            "evalstream.topics.results", "team.results");

    private static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors().addDiscoveredSources() // as Quarkus does: finds TopicsConfigSource through META-INF/services
                .withSources(new PropertiesConfigSource(APPLICATION, "application.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    @Test
    void everyTopicIsADefaultUnderItsShortName() {
        SmallRyeConfig config = config(Map.of());
        assertEquals(Topics.SAMPLES, config.getValue("evalstream.topics.samples", String.class));
        assertEquals(Topics.DEAD_LETTERS, config.getValue("evalstream.topics.dead-letters", String.class));
        for (String topic : Topics.ALL) {
            if (!topic.equals(Topics.RESULTS)) {
                assertEquals(topic, config.getValue(TopicsConfigSource.property(topic), String.class), topic);
            }
        }
        assertEquals(Topics.ALL.size(), new TopicsConfigSource().getPropertyNames().size(), "one property a topic");
    }

    @Test
    void aChannelNamesItsTopicByReference() {
        assertEquals(Topics.SAMPLES, config(Map.of()).getValue("mp.messaging.incoming.samples.topic", String.class));
        assertEquals("mine.samples", config(Map.of("EVALSTREAM_TOPICS_SAMPLES", "mine.samples"))
                .getValue("mp.messaging.incoming.samples.topic", String.class), "one override moves every channel on it");
    }

    @Test
    void propertiesFilesAndTheEnvironmentOverride() {
        assertEquals("team.results", config(Map.of()).getValue("evalstream.topics.results", String.class));
        assertEquals("env.results", config(Map.of("EVALSTREAM_TOPICS_RESULTS", "env.results"))
                .getValue("evalstream.topics.results", String.class));
        assertTrue(TopicsConfigSource.ORDINAL < 100, "below even microprofile-config.properties");
    }
}
