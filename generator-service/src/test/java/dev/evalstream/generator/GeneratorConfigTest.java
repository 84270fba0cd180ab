package dev.evalstream.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.schemas.Topics;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment variables documented for containers reach the generator's configuration. */
class GeneratorConfigTest {
    private static final String BASE_URL_ENV = "EVALSTREAM_GENERATOR_OPENAI_BASE_URL";

    private static GeneratorConfig config(Map<String, String> env) throws IOException {
        URL props = GeneratorConfigTest.class.getResource("/application.properties");
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // ${...} expressions, as Quarkus resolves them
                .addDiscoveredSources() // schemas' TopicsConfigSource, as Quarkus finds it
                .withConverter(Duration.class, 100, new DurationConverter()) // "500ms", as Quarkus reads it
                .withSources(new PropertiesConfigSource(props, 250), new EnvConfigSource(env, 300))
                .withMapping(GeneratorConfig.class)
                .build();
        return c.getConfigMapping(GeneratorConfig.class);
    }

    @Test
    void theOpenAiServerComesFromTheEnvVarDockerComposeSets() throws IOException {
        assertEquals("http://localhost:8000", config(Map.of()).generator().openai().baseUrl());
        GeneratorConfig c = config(Map.of(BASE_URL_ENV, "http://vllm:8000", "EVALSTREAM_GENERATOR_LLAMACPP_MODEL_FILE",
                "/models/m.gguf", "EVALSTREAM_GENERATOR_LLAMACPP_PRELOAD", "/models/a.gguf,/models/b.gguf"));
        assertEquals("http://vllm:8000", c.generator().openai().baseUrl());
        assertEquals("/models/m.gguf", c.generator().llamacpp().modelFile().orElseThrow());
        assertEquals(List.of("/models/a.gguf", "/models/b.gguf"), c.generator().llamacpp().preload().orElseThrow());
        assertEquals(4096, c.generator().llamacpp().contextSize());
    }

    @Test
    void theTopicsAreKnownToTheMappingAndOverridable() throws IOException {
        assertEquals(Topics.PROMPTS, config(Map.of()).topics().get("prompts"));
        assertEquals("mine.samples", config(Map.of("EVALSTREAM_TOPICS_SAMPLES", "mine.samples")).topics().get("samples"));
    }

    @Test
    void dockerComposePointsTheGeneratorAtItsVllmServiceThroughThatVariable() throws IOException {
        Path compose = Path.of("..", "docker-compose.yml");
        String text = Files.readString(compose);
        assertTrue(text.contains(BASE_URL_ENV + ": http://vllm:8000"), "docker-compose.yml must set " + BASE_URL_ENV);
    }
}
