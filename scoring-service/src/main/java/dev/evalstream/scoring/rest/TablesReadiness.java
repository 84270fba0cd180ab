package dev.evalstream.scoring.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the tables can be queried (Kafka Streams RUNNING). The extension's own readiness
 * check only says the topics exist, which is true long before the stores are restored.
 */
@Readiness
@ApplicationScoped
public class TablesReadiness implements HealthCheck {
    @Inject
    KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("scorer tables queryable")
                .status(state == KafkaStreams.State.RUNNING)
                .withData("streams_state", state.name())
                .build();
    }
}
