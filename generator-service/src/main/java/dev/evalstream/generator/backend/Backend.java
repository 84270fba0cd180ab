package dev.evalstream.generator.backend;

import java.util.List;

/** A source of completions: a model server, an in-process model, or a recorded samples file. */
public interface Backend extends AutoCloseable {

    /** The name prompts use to select this backend (their {@code backend} field). */
    String name();

    /**
     * Exactly {@code request.count()} completions, the i-th for sample index
     * {@code request.firstIndex() + i}, each cut at the first stop sequence. Blocking.
     *
     * @throws BackendException when the prompt cannot be served; its message is the dead letter's reason
     */
    List<Completion> generate(GenerationRequest request);

    /** Whether samples of this backend carry log-probabilities (the paper's ranking needs them). */
    default boolean logprobs() {
        return false;
    }

    /** Releases what the backend holds (loaded models); called once at shutdown. */
    @Override
    default void close() {
    }
}
