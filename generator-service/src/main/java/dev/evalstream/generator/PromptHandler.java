package dev.evalstream.generator;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sample;
import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.BackendException;
import dev.evalstream.generator.backend.Completion;
import dev.evalstream.generator.backend.GenerationRequest;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one prompt record into its samples, or into a dead letter saying why it could not.
 * No Kafka here: the messaging layer hands in the record's coordinates and bytes and publishes
 * what comes back. Sample identities depend only on the prompt, so redoing a chunk after a
 * restart yields the same identities and the scorer counts each once.
 */
public final class PromptHandler {
    private final PromptDecoder decoder;
    private final PromptValidator validator;
    private final Map<String, Backend> backends;
    private final String instanceId;
    private final Clock clock;

    public PromptHandler(PromptDecoder decoder, PromptValidator validator, Map<String, Backend> backends,
                         String instanceId, Clock clock) {
        this.decoder = decoder;
        this.validator = validator;
        this.backends = Map.copyOf(backends);
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** A sample to publish with its record key. */
    public record KeyedSample(String key, Sample sample) {
    }

    /** What became of one prompt record: samples, or a dead letter. */
    public sealed interface Outcome permits Produced, Rejected {
    }

    public record Produced(List<KeyedSample> samples) implements Outcome {
    }

    public record Rejected(String key, DeadLetter deadLetter) implements Outcome {
    }

    /**
     * @throws PromptDecoder.RegistryUnavailable when the registry cannot be asked; the record
     *         is then not processed at all (and not committed), rather than wrongly dead-lettered
     */
    public Outcome handle(String topic, int partition, long offset, String key, byte[] value) {
        Prompt prompt;
        try {
            prompt = decoder.decode(topic, value);
        } catch (PromptDecoder.InvalidPrompt e) {
            return reject(topic, partition, offset, key, value, e.getMessage(), DeadLetters.Lost.ofKey(key, true).orElse(null));
        }
        Optional<String> unfit = validator.problem(prompt, backends.keySet());
        if (unfit.isPresent()) {
            // a prompt whose identity is sound stands for its range; otherwise for what its key names
            DeadLetters.Lost lost = EventChecks.prompt(prompt).isEmpty() ? lost(prompt)
                    : DeadLetters.Lost.ofKey(key, true).orElse(null);
            return reject(topic, partition, offset, key, value, unfit.get(), lost);
        }
        Backend backend = backends.get(prompt.getBackend());
        int count = prompt.getSampleEnd() - prompt.getSampleStart();
        List<Completion> completions;
        try {
            completions = backend.generate(new GenerationRequest(prompt.getRunId(), prompt.getModel(), prompt.getTaskId(),
                    prompt.getPrompt(), prompt.getSampling(), count, prompt.getSampleStart(),
                    prompt.getBackendOptions()));
        } catch (BackendException e) {
            return reject(topic, partition, offset, key, value, "backend " + backend.name() + ": " + e.getMessage(), lost(prompt));
        }
        if (completions.size() != count) {
            return reject(topic, partition, offset, key, value, "backend " + backend.name() + " returned "
                    + completions.size() + " completions for " + count + " samples", lost(prompt));
        }
        List<KeyedSample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = prompt.getSampleStart() + i;
            samples.add(new KeyedSample(Keys.sample(prompt.getRunId(), prompt.getTaskId(), index),
                    sample(prompt, index, completions.get(i))));
        }
        return new Produced(samples);
    }

    private Sample sample(Prompt p, int index, Completion c) {
        return Sample.newBuilder()
                .setRunId(p.getRunId())
                .setModel(p.getModel())
                .setDataset(p.getDataset())
                .setTaskId(p.getTaskId())
                .setSampleIndex(index)
                .setCompletion(c.text())
                .setTokenCount(c.tokenCount())
                .setSumLogprob(c.sumLogprob())
                .setMeanLogprob(c.meanLogprob())
                .setFinishReason(c.finishReason())
                .setGenerationMs(c.generationMs())
                .setWholeProgram(c.wholeProgram())
                .setGenerator(instanceId)
                .setPosition(null) // only submitted samples files have a line order
                .setProducedAt(clock.instant())
                .build();
    }

    /** The samples a prompt stood for: the scorer counts them lost when the prompt is dead-lettered. */
    private static DeadLetters.Lost lost(Prompt p) {
        return new DeadLetters.Lost(p.getRunId(), p.getTaskId(), p.getSampleStart(), p.getSampleEnd());
    }

    private Rejected reject(String topic, int partition, long offset, String key, byte[] value, String reason,
                            DeadLetters.Lost lost) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new Rejected(key, DeadLetters.of(DeadLetters.Origin.GENERATOR, topic, partition, offset, keyBytes, value,
                reason, lost));
    }
}
