package dev.evalstream.generator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The generator's own settings; Kafka settings live in the messaging channels' config. */
@ConfigMapping(prefix = "evalstream")
public interface GeneratorConfig {

    /** Base URL of the registry's Confluent API. */
    @io.smallrye.config.WithName("registry.url")
    String registryUrl();

    /**
     * Topic names by short name (evalstream.topics.prompts, ...), defaults from Topics through
     * schemas' TopicsConfigSource. Declared because this mapping owns the evalstream root, which
     * refuses keys it does not know; the channels name their topics from these.
     */
    Map<String, String> topics();

    Generator generator();

    interface Generator {
        /** Names this instance in every sample it produces; host and pid when unset. */
        Optional<String> instanceId();

        /**
         * Prompts generated at once; application.properties hands it to the "generation"
         * worker pool, which is what enforces it.
         */
        @WithDefault("4")
        int concurrency();

        /** The most samples one prompt may ask for. */
        @WithDefault("1000")
        int maxChunk();

        /**
         * How long decoding a prompt is retried (pauses 200 ms doubling to 5 s) while the schema
         * registry cannot be reached; then the prompt is left uncommitted.
         */
        @WithDefault("60s")
        java.time.Duration registryPatience();

        /** evalstream.generator.openai.*, so env EVALSTREAM_GENERATOR_OPENAI_BASE_URL sets the server (docker-compose does). */
        OpenAi openai();

        LlamaCpp llamacpp();
    }

    interface OpenAi {
        /** Server used when a prompt's backend_options give no base_url. */
        @WithDefault("http://localhost:8000")
        String baseUrl();

        Optional<String> apiKey();

        /** Model name sent to the server; the run's model name when unset. */
        Optional<String> model();

        /**
         * Longest silence while waiting for an answer; the completions endpoint answers all at
         * once, so this is a request's deadline. Per run: backend_options.request_timeout_s.
         */
        @WithDefault("300s")
        Duration requestTimeout();

        /** Attempts per request, the first included. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("500ms")
        Duration backoffBase();

        @WithDefault("30s")
        Duration backoffMax();
    }

    interface LlamaCpp {
        /** GGUF file used when a prompt's backend_options give no model_file. */
        Optional<String> modelFile();

        /** GGUF files loaded at startup, so the first prompt does not wait for the weights. */
        Optional<java.util.List<String>> preload();

        /** CPU threads per model; 0 = every available processor. */
        @WithDefault("0")
        int threads();

        /** Context window in tokens (prompt + completion). */
        @WithDefault("4096")
        int contextSize();

        /** Models kept loaded at once; the least recently used idle one is closed beyond that. */
        @WithDefault("2")
        int maxModels();
    }
}
