package dev.evalstream.scoring.streams;

import dev.evalstream.schemas.serde.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one topology of the scorer, wired to the configured topics, registry and live listeners. */
@ApplicationScoped
public class TopologyProducer {
    @ConfigProperty(name = "evalstream.registry.url")
    String registryUrl;
    @ConfigProperty(name = "evalstream.topics.results")
    String results;
    @ConfigProperty(name = "evalstream.topics.runs")
    String runs;
    @ConfigProperty(name = "evalstream.topics.scores")
    String scores;
    @ConfigProperty(name = "evalstream.topics.dead-letters")
    String deadLetters;
    @ConfigProperty(name = "evalstream.scorer.max-output-bytes", defaultValue = "1000000")
    int maxOutputBytes;

    /** How long a result waits for its run to claim its task before it is a dead letter (default 5 minutes). */
    @ConfigProperty(name = "evalstream.scorer.orphan-wait", defaultValue = "5m")
    java.time.Duration orphanWait;

    @Inject
    ScoreListener listener;

    @Produces
    public Topology topology() {
        ScoringTopics topics = new ScoringTopics(results, runs, scores, deadLetters);
        return new ScoringTopology(topics, ScoringSerdes.using(RegistryClient.shared(registryUrl), maxOutputBytes),
                listener, orphanWait).build();
    }
}
