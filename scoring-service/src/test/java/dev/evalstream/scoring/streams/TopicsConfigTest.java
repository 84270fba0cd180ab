package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.InProcessRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The configured topics are the Topics constants, and the topology reads and writes exactly those. */
class TopicsConfigTest {
    @Test
    void configuredTopicsEqualTheConstants() throws IOException {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        assertEquals(Topics.RESULTS, props.getProperty("evalstream.topics.results"));
        assertEquals(Topics.RUNS, props.getProperty("evalstream.topics.runs"));
        assertEquals(Topics.SCORES, props.getProperty("evalstream.topics.scores"));
        assertEquals(Topics.DEAD_LETTERS, props.getProperty("evalstream.topics.dead-letters"));
        assertEquals("${evalstream.topics.results},${evalstream.topics.runs}",
                props.getProperty("quarkus.kafka-streams.topics"), "the pipeline waits for both of its inputs");
        assertEquals(ScoringTopics.defaults(), new ScoringTopics(Topics.RESULTS, Topics.RUNS, Topics.SCORES,
                Topics.DEAD_LETTERS));
    }

    @Test
    void topologyUsesTheConfiguredTopicsAndNamedStores() throws IOException {
        try (InProcessRegistry registry = new InProcessRegistry()) {
            ScoringTopics topics = new ScoringTopics("in.results", "in.runs", "out.scores", "out.dead");
            TopologyDescription d = new ScoringTopology(topics,
                    ScoringSerdes.using(new dev.evalstream.schemas.serde.RegistryClient(registry.url())),
                    ScoreListener.NONE).build().describe();
            String text = d.toString();
            for (String topic : List.of("in.results", "in.runs", "out.scores", "out.dead")) {
                assertEquals(true, text.contains(topic), topic + " in " + text);
            }
            for (String topic : Topics.ALL) {
                assertEquals(false, text.contains(topic), "no default topic leaks in: " + topic);
            }
            for (String store : Set.of(StoreNames.SAMPLES, StoreNames.TASKS, StoreNames.RUNS,
                    StoreNames.RUN_TASKS, StoreNames.RUN_STATE, StoreNames.RUN_SCORES)) {
                assertEquals(true, text.contains(store), store);
            }
        }
    }
}
