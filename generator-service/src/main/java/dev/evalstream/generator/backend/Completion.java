package dev.evalstream.generator.backend;

/**
 * One generated completion and what the backend knows about it. Fields a backend cannot know
 * are null (replayed text has no log-probabilities; in-process llama.cpp gives none either).
 *
 * @param text          the completion, already cut at the first stop sequence
 * @param tokenCount    tokens of the kept text, if known
 * @param sumLogprob    sum of the kept tokens' log-probabilities, if known
 * @param meanLogprob   their mean, if known (the paper ranks samples by this)
 * @param finishReason  "stop", "length", ... as the server says, "stop" when the generator cut it; null if unknown
 * @param generationMs  wall time of the request that produced it, if measured
 * @param wholeProgram  the text is a whole program (a replayed evalplus "solution"), not a completion of the
 *                      prompt; models always complete the prompt, so only replay sets it
 */
public record Completion(String text, Integer tokenCount, Double sumLogprob, Double meanLogprob,
                         String finishReason, Long generationMs, boolean wholeProgram) {

    /** A model's completion of the prompt. */
    public Completion(String text, Integer tokenCount, Double sumLogprob, Double meanLogprob,
                      String finishReason, Long generationMs) {
        this(text, tokenCount, sumLogprob, meanLogprob, finishReason, generationMs, false);
    }

    public static Completion textOnly(String text, String finishReason) {
        return new Completion(text, null, null, null, finishReason, null);
    }
}
