package dev.evalstream.executor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.sandbox.SandboxOptions;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.quarkus.runtime.configuration.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configured sandbox options land on SandboxOptions; unset ones keep the sandbox's defaults. */
class SandboxSettingsTest {

    static ExecutorConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ExecutorConfig.class)
                .withConverter(Duration.class, Integer.MAX_VALUE, new DurationConverter()) // Quarkus's "10s" syntax
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .build();
        return config.getConfigMapping(ExecutorConfig.class);
    }

    @Test
    void nothingConfiguredMeansTheSandboxDefaults() {
        ExecutorConfig c = config(Map.of());
        assertEquals(SandboxOptions.defaults(), SandboxSettings.of(c.sandbox()));
        assertEquals(65536, c.maxCompletionBytes());
        assertTrue(c.maxInFlight().isEmpty());
    }

    @Test
    void configuredOptionsAreMapped() {
        ExecutorConfig c = config(Map.of(
                "evalstream.executor.sandbox.slots", "2",
                "evalstream.executor.sandbox.timeout", "5s",
                "evalstream.executor.sandbox.memory-mb", "256",
                "evalstream.executor.sandbox.pids-limit", "32",
                "evalstream.executor.sandbox.retries", "1",
                "evalstream.executor.sandbox.python", "/opt/py/bin/python3",
                "evalstream.executor.sandbox.insecure", "true",
                "evalstream.executor.sandbox.uid-base", "62000",
                "evalstream.executor.max-completion-bytes", "1000"));
        SandboxOptions o = SandboxSettings.of(c.sandbox());
        assertEquals(2, o.slots());
        assertEquals(5000, o.timeoutMs());
        assertEquals(256L << 20, o.memoryBytes());
        assertEquals(32, o.pidsLimit());
        assertEquals(1, o.retries());
        assertEquals(Path.of("/opt/py/bin/python3"), o.python());
        assertTrue(o.insecure());
        assertEquals(62000, o.uidBase());
        assertEquals(SandboxOptions.defaults().bwrap(), o.bwrap());
        assertEquals(1000, c.maxCompletionBytes());
    }

    @Test
    void anInstanceIdIsConfiguredOrHostAndPid() {
        assertEquals("exec-7", InstanceId.of(Optional.of("exec-7")));
        String generated = InstanceId.of(Optional.empty());
        assertTrue(generated.endsWith("-" + ProcessHandle.current().pid()), generated);
    }

    @Test
    void calibrationIsOffByDefaultWithItsDocumentedFigures() {
        ExecutorConfig.Calibration d = config(Map.of()).calibration();
        assertEquals(false, d.enabled());
        assertEquals(10.0, d.factor());
        assertEquals(Duration.ofSeconds(1), d.floor());
        assertEquals(3, d.runs());
        ExecutorConfig.Calibration c = config(Map.of("evalstream.executor.calibration.enabled", "true",
                "evalstream.executor.calibration.factor", "4", "evalstream.executor.calibration.floor", "250ms")).calibration();
        assertTrue(c.enabled());
        assertEquals(4.0, c.factor());
        assertEquals(Duration.ofMillis(250), c.floor());
    }
}
