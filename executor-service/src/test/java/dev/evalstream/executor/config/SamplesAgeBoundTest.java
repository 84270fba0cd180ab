package dev.evalstream.executor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples channel's unacknowledged-age bound follows the executor's settings and yields to explicit ones. */
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
        assertEquals(234_000L, config(Map.of()).getValue(SamplesAgeBound.MAX_AGE, Long.class));
    }

    @Test
    void itFollowsTheSettings() throws Exception {
        SmallRyeConfig c = config(Map.of("evalstream.executor.sandbox.slots", "2", "evalstream.executor.sandbox.timeout", "10s",
                "evalstream.executor.max-in-flight", "5", "evalstream.executor.sandbox.retries", "0",
                "evalstream.executor.registry-patience", "30s", "evalstream.executor.catalog-wait", "5s"));
        // 3 rounds ahead + 1 run, 11 s each = 44 s; + 2 x 30 s + 5 s + 60 s
        assertEquals(169_000L, c.getValue(SamplesAgeBound.MAX_AGE, Long.class));
    }

    @Test
    void anExplicitBoundWins() throws Exception {
        assertEquals(15_000L, config(Map.of(SamplesAgeBound.MAX_AGE, "15000")).getValue(SamplesAgeBound.MAX_AGE, Long.class));
    }
}
