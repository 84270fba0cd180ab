package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible completions server on a free local port answering as vLLM does (legacy
 * /v1/completions, n choices, logprobs {tokens, token_logprobs, top_logprobs, text_offset}),
 * after a fixed delay. Sample index = seed - baseSeed + choice index, so the answers depend
 * only on the sample's identity: even sample indexes get the problem's canonical solution with
 * a high mean log-probability, odd ones a wrong body with a low one, and every text runs past
 * a stop sequence ("\ndef") into code that must be cut off.
 */
final class OpenAiStub implements AutoCloseable {
    static final String RUN_ON = "\ndef helper_past_the_stop():\n    return 42\n";

    /** One choice: the raw text (before the generator cuts it at a stop) and each token's log-probability. */
    record Choice(String text, double logprob) {
    }

    /** What the stub answers for a sample of a prompt, or null for a prompt it does not know. */
    interface Answers {
        Choice choice(String prompt, int sampleIndex);
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Answers answers;
    private final long baseSeed;
    private final long delayMs;
    final AtomicInteger requests = new AtomicInteger();

    OpenAiStub(Map<String, String> canonicalByPrompt, long baseSeed, long delayMs) throws IOException {
        this((prompt, index) -> {
            String canonical = canonicalByPrompt.get(prompt);
            if (canonical == null) {
                return null;
            }
            boolean right = index % 2 == 0;
            return new Choice((right ? canonical : "    return None\n") + RUN_ON, right ? -0.05 : -1.5);
        }, baseSeed, delayMs);
    }

    /** A stub whose every answer comes from answers (sample index = seed - baseSeed + choice index). */
    OpenAiStub(Answers answers, long baseSeed, long delayMs) throws IOException {
        this.answers = answers;
        this.baseSeed = baseSeed;
        this.delayMs = delayMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/completions", this::answer);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.incrementAndGet();
            String prompt = req.path("prompt").asText();
            if (answers.choice(prompt, 0) == null || !req.has("seed")) {
                send(ex, 400, "{\"object\":\"error\",\"message\":\"unknown prompt or no seed\",\"type\":\"BadRequestError\",\"code\":400}");
                return;
            }
            Thread.sleep(delayMs);
            ObjectNode body = Json.MAPPER.createObjectNode().put("id", "cmpl-stub").put("object", "text_completion")
                    .put("model", req.path("model").asText());
            ArrayNode choices = body.putArray("choices");
            int first = (int) (req.get("seed").asLong() - baseSeed);
            for (int i = 0; i < req.path("n").asInt(1); i++) {
                Choice c = answers.choice(prompt, first + i);
                choice(choices.addObject().put("index", i), c.text(), c.logprob());
            }
            send(ex, 200, body.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A choice whose tokens (4 characters each) spell the text, each with the same log-probability. */
    private static void choice(ObjectNode c, String text, double logprob) {
        c.put("text", text);
        ObjectNode lp = c.putObject("logprobs");
        ArrayNode tokens = lp.putArray("tokens");
        ArrayNode values = lp.putArray("token_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        for (int at = 0; at < text.length(); at += 4) {
            tokens.add(text.substring(at, Math.min(text.length(), at + 4)));
            values.add(logprob);
            offsets.add(at);
        }
        lp.putNull("top_logprobs");
        c.put("finish_reason", "length").putNull("stop_reason");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
