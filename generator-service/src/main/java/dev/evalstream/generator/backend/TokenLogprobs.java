package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated tokens of one choice with their log-probabilities, read from either shape
 * servers use for legacy completions: vLLM/SGLang/OpenAI put parallel lists in
 * {@code logprobs.tokens} and {@code logprobs.token_logprobs}; llama.cpp's server puts
 * {@code logprobs.content[{token, logprob}]}. A null log-probability means the server gave none.
 */
public record TokenLogprobs(List<String> tokens, List<Double> logprobs) {

    public static final TokenLogprobs NONE = new TokenLogprobs(List.of(), List.of());

    /** Parses a choice's {@code logprobs} node; NONE when it is absent or of neither shape. */
    public static TokenLogprobs parse(JsonNode logprobs) {
        if (logprobs == null || !logprobs.isObject()) {
            return NONE;
        }
        List<String> tokens = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        JsonNode content = logprobs.get("content");
        JsonNode tokenLogprobs = logprobs.get("token_logprobs");
        if (content != null && content.isArray()) {
            for (JsonNode t : content) {
                tokens.add(t.path("token").isTextual() ? t.get("token").asText() : null);
                values.add(t.path("logprob").isNumber() ? t.get("logprob").asDouble() : null);
            }
        } else if (tokenLogprobs != null && tokenLogprobs.isArray()) {
            JsonNode texts = logprobs.path("tokens");
            for (int i = 0; i < tokenLogprobs.size(); i++) {
                JsonNode v = tokenLogprobs.get(i);
                values.add(v.isNumber() ? v.asDouble() : null);
                JsonNode t = texts.path(i);
                tokens.add(t.isTextual() ? t.asText() : null);
            }
        } else {
            return NONE;
        }
        return new TokenLogprobs(tokens, values);
    }

    public boolean isEmpty() {
        return logprobs.isEmpty();
    }

    /**
     * The tokens that produced the first {@code chars} characters of {@code text} (a token the
     * cut falls inside is kept), or null when the token texts do not spell {@code text}, so
     * the cut cannot be placed.
     */
    public TokenLogprobs prefixCovering(String text, int chars) {
        if (chars >= text.length()) {
            return this;
        }
        StringBuilder spelled = new StringBuilder();
        int kept = -1;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t == null) {
                return null;
            }
            if (kept < 0 && spelled.length() + t.length() >= chars) {
                kept = chars == 0 ? i : i + 1;
            }
            spelled.append(t);
        }
        if (kept < 0 || !spelled.toString().equals(text)) {
            return null;
        }
        return new TokenLogprobs(tokens.subList(0, kept), logprobs.subList(0, kept));
    }

    /** Sum of the log-probabilities, or null if any is unknown or there are none. */
    public Double sum() {
        if (logprobs.isEmpty()) {
            return null;
        }
        double s = 0;
        for (Double v : logprobs) {
            if (v == null) {
                return null;
            }
            s += v;
        }
        return s;
    }

    public Double mean() {
        Double s = sum();
        return s == null ? null : s / logprobs.size();
    }
}
