package dev.evalstream.generator;

import dev.evalstream.events.Prompt;
import dev.evalstream.generator.backend.CompletionsClient;
import dev.evalstream.generator.backend.OpenAiBackend;
import dev.evalstream.generator.backend.OpenAiSettings;
import dev.evalstream.generator.backend.ReplayBackend;
import dev.evalstream.generator.backend.RetryPolicy;
import dev.evalstream.generator.backend.llamacpp.LlamaCppBackend;
import dev.evalstream.generator.backend.llamacpp.LlamaCppSettings;
import dev.evalstream.schemas.serde.AvroCodec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Wires the plain classes from configuration; the only place that knows every backend. */
@ApplicationScoped
public class GeneratorBeans {

    @Produces
    @ApplicationScoped
    PromptHandler promptHandler(GeneratorConfig config, Backends backends) {
        return new PromptHandler(
                PromptDecoder.of(AvroCodec.forValues(Prompt.class, config.registryUrl())),
                new PromptValidator(config.generator().maxChunk()),
                backends.byName(),
                config.generator().instanceId().orElseGet(GeneratorBeans::hostAndPid),
                Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    Backends backends(GeneratorConfig config) {
        GeneratorConfig.OpenAi o = config.generator().openai();
        RetryPolicy retry = new RetryPolicy(o.maxAttempts(), o.backoffBase(), o.backoffMax(), new SecureRandom());
        OpenAiSettings defaults = new OpenAiSettings(o.baseUrl(), o.apiKey().orElse(null), o.model().orElse(null),
                o.requestTimeout());
        return new Backends(List.of(new ReplayBackend(), new OpenAiBackend(defaults,
                        CompletionsClient.create(retry, config.generator().concurrency())),
                new LlamaCppBackend(llamaCppSettings(config.generator().llamacpp()))));
    }

    static LlamaCppSettings llamaCppSettings(GeneratorConfig.LlamaCpp l) {
        return new LlamaCppSettings(l.modelFile().map(Path::of).orElse(null), l.threads(), l.contextSize(),
                l.maxModels());
    }

    /** Loads the configured GGUF files before prompts arrive (a bad path fails startup, loudly). */
    void preload(@Observes StartupEvent start, GeneratorConfig config, Backends backends) {
        List<Path> files = config.generator().llamacpp().preload().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        if (!files.isEmpty()) {
            ((LlamaCppBackend) backends.byName().get(LlamaCppBackend.NAME)).preload(files);
        }
    }

    /** Frees native models before exit; bounded, so a busy model cannot hold the exit up. */
    void close(@Observes ShutdownEvent stop, Backends backends) {
        backends.close(Duration.ofSeconds(5));
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return "generator@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
