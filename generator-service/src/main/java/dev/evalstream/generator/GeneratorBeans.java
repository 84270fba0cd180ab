package dev.evalstream.generator;

import dev.evalstream.events.Prompt;
import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.CompletionsClient;
import dev.evalstream.generator.backend.OpenAiBackend;
import dev.evalstream.generator.backend.OpenAiSettings;
import dev.evalstream.generator.backend.ReplayBackend;
import dev.evalstream.generator.backend.RetryPolicy;
import dev.evalstream.schemas.serde.AvroCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wires the plain classes from configuration; the only place that knows every backend. */
@ApplicationScoped
public class GeneratorBeans {

    @Produces
    @ApplicationScoped
    PromptHandler promptHandler(GeneratorConfig config) {
        return new PromptHandler(
                PromptDecoder.of(AvroCodec.forValues(Prompt.class, config.registryUrl())),
                new PromptValidator(config.generator().maxChunk()),
                backends(config),
                config.generator().instanceId().orElseGet(GeneratorBeans::hostAndPid),
                Clock.systemUTC());
    }

    static Map<String, Backend> backends(GeneratorConfig config) {
        GeneratorConfig.OpenAi o = config.openai();
        RetryPolicy retry = new RetryPolicy(o.maxAttempts(), o.backoffBase(), o.backoffMax(), new SecureRandom());
        OpenAiSettings defaults = new OpenAiSettings(o.baseUrl(), o.apiKey().orElse(null), o.model().orElse(null),
                o.requestTimeout());
        Map<String, Backend> byName = new LinkedHashMap<>();
        for (Backend b : List.of(new ReplayBackend(), new OpenAiBackend(defaults, CompletionsClient.create(retry)))) {
            byName.put(b.name(), b);
        }
        return byName;
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
