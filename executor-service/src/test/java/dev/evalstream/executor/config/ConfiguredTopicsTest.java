package dev.evalstream.executor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.evalstream.schemas.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The executor's topics come from Topics through configuration, and its properties spell none of them. */
class ConfiguredTopicsTest {

    static Properties applicationProperties() throws Exception {
        Properties props = new Properties();
        try (InputStream in = ConfiguredTopicsTest.class.getResourceAsStream("/application.properties")) {
            assertNotNull(in, "application.properties on the classpath");
            props.load(in);
        }
        return props;
    }

    /** application.properties over the discovered sources (schemas' TopicsConfigSource among them), as at run time. */
    static SmallRyeConfig config() throws Exception {
        URL url = ConfiguredTopicsTest.class.getResource("/application.properties");
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(url, 250)).build();
    }

    @Test
    void configuredTopicsAreTheSharedTopicNames() throws Exception {
        SmallRyeConfig config = config();
        assertEquals(Topics.PROBLEMS, config.getValue("evalstream.topics.problems", String.class));
        assertEquals(Topics.SAMPLES, config.getValue("mp.messaging.incoming.samples.topic", String.class));
        assertEquals(Topics.RESULTS, config.getValue("evalstream.topics.results", String.class));
        assertEquals(Topics.DEAD_LETTERS, config.getValue("evalstream.topics.dead-letters", String.class));
    }

    @Test
    void thePropertiesSpellNoTopicName() throws Exception {
        try (InputStream in = ConfiguredTopicsTest.class.getResourceAsStream("/application.properties")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String topic : Topics.ALL) {
                assertFalse(text.contains(topic), topic);
            }
        }
    }

    @Test
    void executorsShareOneConsumerGroupAndCommitOnlyWhatIsAcknowledged() throws Exception {
        Properties props = applicationProperties();
        assertEquals("evalstream-executor", props.getProperty("mp.messaging.incoming.samples.group.id"));
        assertEquals("throttled", props.getProperty("mp.messaging.incoming.samples.commit-strategy"));
        assertEquals("false", props.getProperty("mp.messaging.incoming.samples.batch"));
        assertEquals("18083", props.getProperty("quarkus.http.port"));
        assertEquals("false", props.getProperty("quarkus.devservices.enabled"));
    }
}
