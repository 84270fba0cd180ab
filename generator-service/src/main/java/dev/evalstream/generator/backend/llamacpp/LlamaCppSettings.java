package dev.evalstream.generator.backend.llamacpp;

import java.nio.file.Path;

/**
 * How models are loaded in process.
 *
 * @param defaultModelFile GGUF file for prompts whose backend_options name none; null for none
 * @param threads          CPU threads per model, 0 for every available processor
 * @param contextSize      context window in tokens (prompt + completion)
 * @param maxModels        models kept loaded at once
 */
public record LlamaCppSettings(Path defaultModelFile, int threads, int contextSize, int maxModels) {

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
