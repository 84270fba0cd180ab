package dev.evalstream.executor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.evalstream.schemas.Topics;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Topic names are configuration, and the configuration must name the same topics as Topics. */
class ConfiguredTopicsTest {

    static Properties applicationProperties() throws Exception {
        Properties props = new Properties();
        try (InputStream in = ConfiguredTopicsTest.class.getResourceAsStream("/application.properties")) {
            assertNotNull(in, "application.properties on the classpath");
            props.load(in);
        }
        return props;
    }

    @Test
    void configuredTopicsAreTheSharedTopicNames() throws Exception {
        Properties props = applicationProperties();
        assertEquals(Topics.PROBLEMS, props.getProperty("evalstream.topics.problems"));
        assertEquals(Topics.SAMPLES, props.getProperty("mp.messaging.incoming.samples.topic"));
        assertEquals(Topics.RESULTS, props.getProperty("evalstream.topics.results"));
        assertEquals(Topics.DEAD_LETTERS, props.getProperty("evalstream.topics.dead-letters"));
    }

    @Test
    void executorsShareOneConsumerGroupAndCommitOnlyWhatIsAcknowledged() throws Exception {
        Properties props = applicationProperties();
        assertEquals("evalstream-executor", props.getProperty("mp.messaging.incoming.samples.group.id"));
        assertEquals("throttled", props.getProperty("mp.messaging.incoming.samples.commit-strategy"));
        assertEquals("true", props.getProperty("mp.messaging.incoming.samples.batch"));
        assertEquals("18083", props.getProperty("quarkus.http.port"));
        assertEquals("false", props.getProperty("quarkus.devservices.enabled"));
    }
}
