package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.events.Sampling;
import dev.evalstream.generator.sampling.StopSequences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Samples from an OpenAI-compatible legacy completions endpoint (POST {base}/v1/completions),
 * as vLLM, SGLang, llama.cpp's server and Ollama serve it. Asks for all of a chunk's samples
 * with {@code n}; a server that returns fewer choices (llama.cpp's answers one) is asked again
 * for the rest, with the seed advanced by the first sample index of each request so that a
 * seeded chunk gives the same samples when it is redone.
 */
public final class OpenAiBackend implements Backend {
    public static final String NAME = "openai";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSettings defaults;
    private final CompletionsClient client;

    public OpenAiBackend(OpenAiSettings defaults, CompletionsClient client) {
        this.defaults = defaults;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean logprobs() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public List<Completion> generate(GenerationRequest request) {
        OpenAiSettings settings = defaults.overriddenBy(request);
        Sampling sampling = request.sampling();
        StopSequences stops = new StopSequences(sampling.getStop());
        List<Completion> out = new ArrayList<>(request.count());
        while (out.size() < request.count()) {
            int first = request.firstIndex() + out.size();
            ObjectNode body = body(settings, request, request.count() - out.size(), first);
            long started = System.nanoTime();
            JsonNode answer = client.post(settings, body);
            long ms = (System.nanoTime() - started) / 1_000_000;
            List<JsonNode> choices = choices(answer, settings);
            boolean single = choices.size() == 1;
            for (JsonNode choice : choices) {
                if (out.size() < request.count()) {
                    out.add(completion(choice, stops, ms, single ? answer.path("usage") : null));
                }
            }
        }
        return out;
    }

    private static ObjectNode body(OpenAiSettings settings, GenerationRequest request, int n, int firstIndex) {
        Sampling s = request.sampling();
        ObjectNode body = JSON.createObjectNode()
                .put("model", settings.model())
                .put("prompt", request.prompt())
                .put("n", n)
                .put("temperature", s.getTemperature())
                .put("top_p", s.getTopP())
                .put("max_tokens", s.getMaxTokens())
                .put("logprobs", 1);
        // All stop sequences are sent (vLLM and llama.cpp take any number); the cut is ours anyway.
        s.getStop().forEach(body.putArray("stop")::add);
        if (s.getSeed() != null) {
            body.put("seed", s.getSeed() + firstIndex);
        }
        return body;
    }

    private static List<JsonNode> choices(JsonNode answer, OpenAiSettings settings) {
        JsonNode choices = answer.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new BackendException(settings.completionsUrl() + " answered without choices: "
                    + abbreviate(answer.toString()));
        }
        return StreamSupport.stream(choices.spliterator(), false)
                .sorted(Comparator.comparingInt(c -> c.path("index").asInt(0)))
                .toList();
    }

    /** One choice: cut at the first stop, with the kept tokens' count and log-probabilities. */
    static Completion completion(JsonNode choice, StopSequences stops, long ms, JsonNode usage) {
        JsonNode textNode = choice.get("text");
        if (textNode == null || !textNode.isTextual()) {
            throw new BackendException("choice without text: " + abbreviate(choice.toString()));
        }
        String raw = textNode.asText();
        int cut = stops.firstStop(raw);
        String text = cut < 0 ? raw : raw.substring(0, cut);
        String finish = cut >= 0 ? "stop" : textOrNull(choice.get("finish_reason"));
        TokenLogprobs all = TokenLogprobs.parse(choice.get("logprobs"));
        TokenLogprobs kept = cut < 0 ? all : all.prefixCovering(raw, cut);
        Integer tokens = null;
        Double sum = null;
        Double mean = null;
        if (kept != null && !all.isEmpty()) {
            tokens = kept.logprobs().size();
            sum = kept.isEmpty() ? Double.valueOf(0.0) : kept.sum();
            mean = kept.mean();
        } else if (all.isEmpty() && cut < 0 && usage != null && usage.path("completion_tokens").isInt()) {
            tokens = usage.get("completion_tokens").asInt(); // one choice, uncut: usage counts exactly it
        }
        return new Completion(text, tokens, sum, mean, finish, ms);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
