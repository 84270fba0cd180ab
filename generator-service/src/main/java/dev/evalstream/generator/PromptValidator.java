package dev.evalstream.generator;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.Keys;
import java.util.Set;

/** Checks a decoded prompt before any model time is spent on it; the message is the dead letter's reason. */
public final class PromptValidator {
    private final int maxChunk;

    /** @param maxChunk the most samples one prompt may ask for (guards against a runaway range) */
    public PromptValidator(int maxChunk) {
        this.maxChunk = maxChunk;
    }

    public void check(Prompt p, Set<String> backends) {
        try {
            Keys.checkRunId(p.getRunId());
        } catch (IllegalArgumentException e) {
            throw new InvalidPrompt("invalid prompt: " + e.getMessage());
        }
        require(!p.getTaskId().isBlank(), "task_id is blank");
        require(!p.getModel().isBlank(), "model is blank");
        require(p.getSampleStart() >= 0, "sample_start " + p.getSampleStart() + " is negative");
        require(p.getSampleEnd() > p.getSampleStart(),
                "empty sample range [" + p.getSampleStart() + ", " + p.getSampleEnd() + ")");
        require(p.getSampleEnd() - p.getSampleStart() <= maxChunk, "sample range [" + p.getSampleStart() + ", "
                + p.getSampleEnd() + ") exceeds the " + maxChunk + " samples one prompt may ask for");
        require(backends.contains(p.getBackend()),
                "unknown backend '" + p.getBackend() + "' (this generator has " + backends + ")");
        Sampling s = p.getSampling();
        require(s.getTemperature() >= 0, "temperature " + s.getTemperature() + " is negative");
        require(s.getTopP() > 0 && s.getTopP() <= 1, "top_p " + s.getTopP() + " is not in (0, 1]");
        require(s.getMaxTokens() > 0, "max_tokens " + s.getMaxTokens() + " is not positive");
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new InvalidPrompt("invalid prompt: " + reason);
        }
    }

    public static final class InvalidPrompt extends RuntimeException {
        public InvalidPrompt(String message) {
            super(message);
        }
    }
}
