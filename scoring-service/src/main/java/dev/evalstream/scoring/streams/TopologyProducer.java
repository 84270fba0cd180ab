package dev.evalstream.scoring.streams;

import dev.evalstream.harness.stats.RegressionRule;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.alerts.AlertSettings;
import dev.evalstream.scoring.alerts.Alerts;
import dev.evalstream.scoring.planning.Planner;
import dev.evalstream.scoring.planning.PlannerSerdes;
import dev.evalstream.scoring.planning.PlannerSettings;
import dev.evalstream.scoring.planning.PlannerTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one topology of the scorer (scoring and the planner), wired to the configured topics, registry and live listeners. */
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
    @ConfigProperty(name = "evalstream.topics.checkpoints")
    String checkpoints;
    @ConfigProperty(name = "evalstream.topics.plans")
    String plans;
    @ConfigProperty(name = "evalstream.topics.datasets")
    String datasets;
    @ConfigProperty(name = "evalstream.topics.problems")
    String problems;
    @ConfigProperty(name = "evalstream.topics.prompts")
    String prompts;
    /** Sample indexes per Prompt event of a planned run (evalctl submit's --chunk-size default) */
    @ConfigProperty(name = "evalstream.planner.chunk-size", defaultValue = "10")
    int chunkSize;
    /** How often planned runs waiting for their dataset are tried again */
    @ConfigProperty(name = "evalstream.planner.retry-every", defaultValue = "1s")
    java.time.Duration retryEvery;
    /** How long a planned run waits for its dataset before it is a dead letter */
    @ConfigProperty(name = "evalstream.planner.dataset-patience", defaultValue = "10m")
    java.time.Duration datasetPatience;
    @ConfigProperty(name = "evalstream.scorer.max-output-bytes", defaultValue = "1000000")
    int maxOutputBytes;

    /** How long a result waits for its run to claim its task before it is a dead letter (default 5 minutes). */
    @ConfigProperty(name = "evalstream.scorer.orphan-wait", defaultValue = "5m")
    java.time.Duration orphanWait;

    @ConfigProperty(name = "evalstream.topics.alerts")
    String alerts;
    /** The k alerts are judged at; 0: the plan's smallest */
    @ConfigProperty(name = "evalstream.alerts.k", defaultValue = "0")
    int alertsK;
    /** Significance level of the one-sided paired test of a drop */
    @ConfigProperty(name = "evalstream.alerts.level", defaultValue = RegressionRule.DEFAULT_LEVEL)
    double alertsLevel;
    /** Smallest drop in pass@k that raises an alert */
    @ConfigProperty(name = "evalstream.alerts.min-drop", defaultValue = RegressionRule.DEFAULT_MIN_DROP)
    double alertsMinDrop;
    /** Checkpoints the judge keeps per family and plan */
    @ConfigProperty(name = "evalstream.alerts.keep", defaultValue = "10")
    int alertsKeep;

    @Inject
    ScoreListener listener;

    @Produces
    public Topology topology() {
        ScoringTopics topics = new ScoringTopics(results, runs, scores, deadLetters);
        RegistryClient registry = RegistryClient.shared(registryUrl);
        Planner planner = new Planner(new PlannerTopics(checkpoints, plans, datasets, problems, runs, prompts, deadLetters),
                PlannerSerdes.using(registry, maxOutputBytes), new PlannerSettings(chunkSize, retryEvery, datasetPatience));
        Alerts judge = new Alerts(alerts, new AlertSettings(alertsK, new RegressionRule(alertsLevel, alertsMinDrop), alertsKeep),
                registry, maxOutputBytes);
        return new ScoringTopology(topics, ScoringSerdes.using(registry, maxOutputBytes), listener, orphanWait, planner)
                .withAlerts(judge).build();
    }
}
