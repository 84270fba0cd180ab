package dev.evalstream.executor.health;

import dev.evalstream.executor.InFlight;
import dev.evalstream.executor.SampleProcessor;
import dev.evalstream.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Not ready while a sample has been in flight longer than the slow-after bound (derived from the
 * settings, so ordinary slow work never reaches it), naming it. Only readiness: the executor goes
 * on consuming (intake pauses while the in-flight limit is reached and resumes as samples finish),
 * where SmallRye's own age check, switched off in application.properties, would close the
 * consumer for good.
 */
@ApplicationScoped
public class SlowSamplesHealth {
    private static final Logger LOG = Logger.getLogger(SlowSamplesHealth.class);

    @Inject
    SampleProcessor processor;

    @Inject
    ExecutorConfig config;

    private volatile String lastReported;

    @Readiness
    HealthCheck inFlight() {
        return () -> check(processor.oldestInFlight(), config.slowAfter());
    }

    HealthCheckResponse check(Optional<InFlight.Oldest> oldest, Duration slowAfter) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("samples-in-flight").up()
                .withData("slow_after_s", slowAfter.toSeconds());
        if (oldest.isEmpty()) {
            return b.withData("in_flight", 0).build();
        }
        InFlight.Oldest o = oldest.get();
        b.withData("in_flight", o.inFlight()).withData("oldest", o.where()).withData("oldest_s", o.age().toSeconds());
        if (o.age().compareTo(slowAfter) <= 0) {
            return b.build();
        }
        if (!o.where().equals(lastReported)) {
            lastReported = o.where();
            LOG.warnf("sample %s in flight for %d s, past the slow-after bound of %d s; still consuming", o.where(),
                    o.age().toSeconds(), slowAfter.toSeconds());
        }
        return b.down().build();
    }
}
