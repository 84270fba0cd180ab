package dev.evalstream.generator.backend;

import dev.evalstream.events.Sampling;
import java.util.Map;

/**
 * What a backend is asked for: {@code count} completions of {@code prompt} for the sample
 * indices {@code firstIndex .. firstIndex + count - 1}. The task id is carried because a
 * replayed samples file is indexed by it; model backends ignore it.
 *
 * @param runId   the run; seeds of a run without one are derived from it, so a redone chunk reproduces
 * @param model   the run's model name (a default for servers that need one)
 * @param options the prompt's backend_options (file, base_url, api_key, ...)
 */
public record GenerationRequest(String runId, String model, String taskId, String prompt, Sampling sampling,
                                int count, int firstIndex, Map<String, String> options) {

    public String option(String name) {
        String v = options == null ? null : options.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
