package dev.evalstream.generator;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.EventChecks;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a decoded prompt before any model time is spent on it: what every service rejects
 * (EventChecks), then what only the generator needs. The reason is the dead letter's.
 */
public final class PromptValidator {
    private final int maxChunk;

    /** @param maxChunk the most samples one prompt may ask for (guards against a runaway range) */
    public PromptValidator(int maxChunk) {
        this.maxChunk = maxChunk;
    }

    /** The reason this prompt cannot be generated, or empty if it can. */
    public Optional<String> problem(Prompt p, Set<String> backends) {
        return EventChecks.prompt(p)
                .or(() -> unless(!p.getModel().isBlank(), "model is blank"))
                .or(() -> unless(p.getSampleEnd() - p.getSampleStart() <= maxChunk, "sample range ["
                        + p.getSampleStart() + ", " + p.getSampleEnd() + ") exceeds the " + maxChunk
                        + " samples one prompt may ask for"))
                .or(() -> unless(backends.contains(p.getBackend()),
                        "unknown backend '" + p.getBackend() + "' (this generator has " + backends + ")"))
                .or(() -> sampling(p.getSampling()))
                .map(reason -> "invalid prompt: " + reason);
    }

    private static Optional<String> sampling(Sampling s) {
        return unless(s.getTemperature() >= 0, "temperature " + s.getTemperature() + " is negative")
                .or(() -> unless(s.getTopP() > 0 && s.getTopP() <= 1, "top_p " + s.getTopP() + " is not in (0, 1]"))
                .or(() -> unless(s.getMaxTokens() > 0, "max_tokens " + s.getMaxTokens() + " is not positive"));
    }

    private static Optional<String> unless(boolean ok, String reason) {
        return ok ? Optional.empty() : Optional.of(reason);
    }
}
