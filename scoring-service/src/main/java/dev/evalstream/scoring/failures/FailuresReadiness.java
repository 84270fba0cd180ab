package dev.evalstream.scoring.failures;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN once the stream threads have died more often than {@link BoundedThreadReplacement} allows,
 * saying why (the exception) and how often; UP otherwise. Either way it shows what the exception
 * handlers did: how many records each dead-lettered and how many dead letters failed.
 */
@Readiness
@ApplicationScoped
public class FailuresReadiness implements HealthCheck {
    private final ScorerFailures failures;

    public FailuresReadiness() {
        this(ScorerFailures.shared());
    }

    FailuresReadiness(ScorerFailures failures) {
        this.failures = failures;
    }

    @Override
    public HealthCheckResponse call() {
        String shutdown = failures.shutdownReason();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("scorer stream threads").status(shutdown == null);
        if (shutdown != null) {
            answer.withData("shut_down_because", shutdown);
        }
        failures.data().forEach((k, v) -> {
            if (v instanceof Long n) {
                answer.withData(k, n);
            } else {
                answer.withData(k, String.valueOf(v));
            }
        });
        return answer.build();
    }
}
