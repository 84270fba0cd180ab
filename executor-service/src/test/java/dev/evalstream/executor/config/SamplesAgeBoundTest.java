package dev.evalstream.executor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slow-after bound follows the executor's settings and yields to explicit ones; SmallRye's fatal age check is off. */
class SamplesAgeBoundTest {

    /** application.properties and these properties (as env vars would be) over the discovered sources, as at run time. */
    static SmallRyeConfig config(Map<String, String> set) throws java.io.IOException {
        URL url = SamplesAgeBoundTest.class.getResource("/application.properties");
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(url, 250))
                .withSources(new PropertiesConfigSource(set, "test", 300)).build();
    }

    @Test
    void theDefaultsCoverEightRoundsAheadThreeRunsAndTheRegistrysPatienceTwice() throws Exception {
        // 32 in flight on 4 slots: 8 rounds ahead + 3 runs, 4 s each = 44 s; + 2 x 60 s + 10 s + 60 s
        assertEquals(java.time.Duration.ofSeconds(234), config(Map.of()).getValue(SamplesAgeBound.SLOW_AFTER, java.time.Duration.class));
        assertEquals(0L, config(Map.of()).getValue("mp.messaging.incoming.samples.throttled.unprocessed-record-max-age.ms",
                Long.class), "SmallRye's check would close the consumer for good: off");
    }

    @Test
    void itFollowsTheSettings() throws Exception {
        SmallRyeConfig c = config(Map.of("evalstream.executor.sandbox.slots", "2", "evalstream.executor.sandbox.timeout", "10s",
                "evalstream.executor.max-in-flight", "5", "evalstream.executor.sandbox.retries", "0",
                "evalstream.executor.registry-patience", "30s", "evalstream.executor.catalog-wait", "5s"));
        // 3 rounds ahead + 1 run, 11 s each = 44 s; + 2 x 30 s + 5 s + 60 s
        assertEquals(java.time.Duration.ofSeconds(169), c.getValue(SamplesAgeBound.SLOW_AFTER, java.time.Duration.class));
    }

    @Test
    void anExplicitBoundWins() throws Exception {
        assertEquals(java.time.Duration.ofSeconds(15), config(Map.of(SamplesAgeBound.SLOW_AFTER, "PT15S"))
                .getValue(SamplesAgeBound.SLOW_AFTER, java.time.Duration.class));
    }
}
