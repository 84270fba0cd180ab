package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.scoring.planning.Planner;
import dev.evalstream.scoring.planning.PlannerSerdes;
import dev.evalstream.scoring.planning.PlannerSettings;
import dev.evalstream.scoring.planning.PlannerStores;
import dev.evalstream.scoring.planning.PlannerTopics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The configured topics are the Topics constants (through TopicsConfigSource), and the topology uses exactly those. */
class TopicsConfigTest {
    @Test
    void configuredTopicsAreTheConstants() throws IOException {
        // application.properties over the discovered sources (schemas' TopicsConfigSource among them), as at run time
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .build();
        assertEquals(new ScoringTopics(Topics.RESULTS, Topics.RUNS, Topics.SCORES, Topics.DEAD_LETTERS), new ScoringTopics(
                config.getValue("evalstream.topics.results", String.class),
                config.getValue("evalstream.topics.runs", String.class),
                config.getValue("evalstream.topics.scores", String.class),
                config.getValue("evalstream.topics.dead-letters", String.class)));
        assertEquals(List.of(Topics.RESULTS, Topics.RUNS, Topics.DEAD_LETTERS,
                        Topics.CHECKPOINTS, Topics.PLANS, Topics.DATASETS, Topics.PROBLEMS, Topics.ALERTS),
                config.getValues("quarkus.kafka-streams.topics", String.class), "the pipeline waits for all of its inputs");
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String topic : Topics.ALL) {
                // followed by '.': a setting's prefix (evalstream.alerts.level), not the topic
                assertFalse(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topic) + "(?![.\\w-])").matcher(text).find(),
                        "application.properties spells " + topic);
            }
        }
    }

    @Test
    void topologyUsesTheConfiguredTopicsAndNamedStores() throws IOException {
        try (InProcessRegistry registry = new InProcessRegistry()) {
            ScoringTopics topics = new ScoringTopics("in.results", "in.runs", "out.scores", "out.dead");
            var client = new dev.evalstream.schemas.serde.RegistryClient(registry.url());
            Planner planner = new Planner(new PlannerTopics("in.checkpoints", "in.plans", "in.datasets", "in.problems",
                    "in.runs", "out.prompts", "out.dead"), PlannerSerdes.using(client, 1_000_000), PlannerSettings.DEFAULTS);
            TopologyDescription d = new ScoringTopology(topics, ScoringSerdes.using(client),
                    ScoreListener.NONE, ScoringTopology.DEFAULT_ORPHAN_WAIT, planner).build().describe();
            String text = d.toString();
            for (String topic : List.of("in.results", "in.runs", "out.scores", "out.dead", "in.checkpoints", "in.plans",
                    "in.datasets", "in.problems", "out.prompts")) {
                assertEquals(true, text.contains(topic), topic + " in " + text);
            }
            for (String topic : Topics.ALL) {
                assertEquals(false, text.contains(topic), "no default topic leaks in: " + topic);
            }
            for (String store : Set.of(StoreNames.SAMPLES, StoreNames.TASKS, StoreNames.RUNS,
                    StoreNames.RUN_TASKS, StoreNames.RUN_STATE, StoreNames.RUN_SCORES, StoreNames.MEMBERS, StoreNames.PENDING,
                    StoreNames.TASK_PROGRESS, StoreNames.TASK_SAMPLES,
                    PlannerStores.PLAN_NAMES, PlannerStores.PLANS, PlannerStores.FAMILY_PLANS, PlannerStores.CHECKPOINTS,
                    PlannerStores.STARTED, PlannerStores.PENDING, PlannerStores.CATALOG, PlannerStores.PROMPTS)) {
                assertEquals(true, text.contains(store), store);
            }
        }
    }
}
