package dev.evalstream.executor.health;

import dev.evalstream.executor.problems.ProblemFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the problem catalog has read the topic as it was at start; live while its thread runs. */
@ApplicationScoped
public class ProblemCatalogHealth {

    @Inject
    ProblemFeed feed;

    @Readiness
    HealthCheck loaded() {
        return () -> HealthCheckResponse.named("problem-catalog-loaded").status(feed.loaded())
                .withData("problems", feed.size()).build();
    }

    @Liveness
    HealthCheck running() {
        return () -> HealthCheckResponse.named("problem-catalog-feed").status(feed.alive()).build();
    }
}
