package dev.evalstream.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Sampling;
import dev.evalstream.generator.backend.StubCompletionsServer.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The openai backend against a real HTTP server on a local port, replaying vLLM-shaped answers. */
class OpenAiBackendTest {
    private static final int ATTEMPTS = 4;
    private final List<Duration> waits = new ArrayList<>();

    private OpenAiBackend backend(String baseUrl, Duration timeout) {
        RetryPolicy retry = new RetryPolicy(ATTEMPTS, Duration.ofMillis(40), Duration.ofMillis(400), new Random(3));
        CompletionsClient client = CompletionsClient.create(retry, 4, d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        });
        return new OpenAiBackend(new OpenAiSettings(baseUrl, null, null, timeout), client);
    }

    private static String vllmAnswer() throws IOException {
        return LogprobParsingTest.fixture("vllm-completions.json").toString();
    }

    private static GenerationRequest request(int count, int first, Sampling sampling, Map<String, String> options) {
        return new GenerationRequest("run-1", "codegen-350M-mono", "HumanEval/0", "def f(l):\n", sampling, count, first, options);
    }

    @Test
    void sendsThePapersSamplingAndMapsChoicesInIndexOrder() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.ok(vllmAnswer()))) {
            Map<String, String> options = Map.of("base_url", stub.baseUrl() + "/v1", "api_key", "sk-test",
                    "model", "served-name");
            List<Completion> out = backend("http://127.0.0.1:1", Duration.ofSeconds(5))
                    .generate(request(2, 10, Sampling.newBuilder().build(), options));

            assertEquals(List.of("    return a + b\n", "    return sorted(set(l))\n"),
                    out.stream().map(Completion::text).toList());
            assertEquals(-0.35, out.get(0).meanLogprob(), 1e-9);
            assertEquals(7, out.get(1).tokenCount());
            assertNotNull(out.get(0).generationMs());

            assertEquals(1, stub.seen.size());
            StubCompletionsServer.Seen req = stub.seen.get(0);
            assertEquals("/v1/completions", req.path());
            assertEquals("Bearer sk-test", req.authorization());
            assertEquals("served-name", req.body().get("model").asText());
            assertEquals("def f(l):\n", req.body().get("prompt").asText());
            assertEquals(2, req.body().get("n").asInt());
            assertEquals(0.95, req.body().get("top_p").asDouble());
            assertEquals(0.8, req.body().get("temperature").asDouble());
            assertEquals(512, req.body().get("max_tokens").asInt());
            assertEquals(1, req.body().get("logprobs").asInt());
            assertEquals(List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint"),
                    StreamSupport.stream(req.body().get("stop").spliterator(), false).map(n -> n.asText()).toList());
            assertFalse(req.body().has("seed"));
        }
    }

    @Test
    void retries429And500WithGrowingBackoffThenSucceeds() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(
                new Step(429, "{\"error\":\"rate limited\"}", 0, Map.of("Retry-After", "0")),
                Step.status(500), Step.status(503), Step.ok(vllmAnswer()))) {
            List<Completion> out = backend(stub.baseUrl(), Duration.ofSeconds(5))
                    .generate(request(2, 0, Sampling.newBuilder().build(), Map.of()));
            assertEquals(2, out.size());
            assertEquals(4, stub.seen.size());
            assertEquals(3, waits.size());
            // caps 40, 80, 160 ms; each wait is in [cap/2, cap]
            for (int r = 0; r < 3; r++) {
                long cap = 40L << r;
                long w = waits.get(r).toMillis();
                assertTrue(w >= cap / 2 && w <= cap, "wait " + r + " was " + w + " ms");
            }
            long gap = (stub.seen.get(3).atNanos() - stub.seen.get(0).atNanos()) / 1_000_000;
            assertTrue(gap >= 20 + 40 + 80, "the retries were not spaced out: " + gap + " ms");
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(
                new Step(200, vllmAnswer(), 2000, Map.of()), Step.ok(vllmAnswer()))) {
            long t0 = System.nanoTime();
            List<Completion> out = backend(stub.baseUrl(), Duration.ofSeconds(5))
                    .generate(request(2, 0, Sampling.newBuilder().build(), Map.of("request_timeout_s", "0.3")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, out.size());
            assertEquals(2, stub.seen.size());
            assertTrue(ms >= 300 && ms < 2000, "took " + ms + " ms: the timeout did not cut the slow answer");
        }
    }

    @Test
    void retriesAreBoundedAndThePromptFailsWithTheLastReason() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.status(500))) {
            BackendException e = assertThrows(BackendException.class, () -> backend(stub.baseUrl(),
                    Duration.ofSeconds(5)).generate(request(1, 0, Sampling.newBuilder().build(), Map.of())));
            assertEquals(ATTEMPTS, stub.seen.size());
            assertEquals(ATTEMPTS - 1, waits.size());
            assertTrue(e.getMessage().contains("failed " + ATTEMPTS + " attempts; last: HTTP 500"), e.getMessage());
        }
    }

    @Test
    void aRunsTimeoutMustBePositiveSinceZeroWouldMeanForever() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.ok(vllmAnswer()))) {
            for (String bad : new String[] {"0", "-1", "NaN", "Infinity", "0.0000001"}) {
                BackendException e = assertThrows(BackendException.class, () -> backend(stub.baseUrl(),
                        Duration.ofSeconds(5)).generate(request(1, 0, Sampling.newBuilder().build(),
                        Map.of("request_timeout_s", bad))));
                assertTrue(e.getMessage().contains("request_timeout_s must be a positive number"), e.getMessage());
            }
            assertEquals(0, stub.seen.size(), "refused before any request");
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.status(400))) {
            BackendException e = assertThrows(BackendException.class, () -> backend(stub.baseUrl(),
                    Duration.ofSeconds(5)).generate(request(1, 0, Sampling.newBuilder().build(), Map.of())));
            assertEquals(1, stub.seen.size());
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        }
    }

    @Test
    void aServerGivingOneChoiceIsAskedForTheRestWithAdvancingSeeds() throws IOException {
        String one = LogprobParsingTest.fixture("llamacpp-completion.json").toString();
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.ok(one))) {
            Sampling seeded = Sampling.newBuilder().setSeed(1000L).build();
            List<Completion> out = backend(stub.baseUrl(), Duration.ofSeconds(5))
                    .generate(request(3, 20, seeded, new HashMap<>()));
            assertEquals(3, out.size());
            assertEquals(List.of(3, 2, 1), stub.seen.stream().map(s -> s.body().get("n").asInt()).toList());
            assertEquals(List.of(1020L, 1021L, 1022L),
                    stub.seen.stream().map(s -> s.body().get("seed").asLong()).toList());
            assertEquals("codegen-350M-mono", stub.seen.get(0).body().get("model").asText());
        }
    }

    @Test
    void anAnswerWithoutChoicesFailsThePrompt() throws IOException {
        try (StubCompletionsServer stub = new StubCompletionsServer(Step.ok("{\"choices\":[]}"))) {
            assertThrows(BackendException.class, () -> backend(stub.baseUrl(), Duration.ofSeconds(5))
                    .generate(request(1, 0, Sampling.newBuilder().build(), Map.of())));
        }
    }

    /** vLLM's error bodies (OpenAI error shape with object "error"): refused at once, its message in the reason. */
    @Test
    void vllmErrorsAreNotRetriedAndTheirMessageIsTheReason() throws IOException {
        String tooLong = "{\"object\":\"error\",\"message\":\"This model's maximum context length is 2048 tokens."
                + " However, you requested 2612 tokens (2100 in the messages, 512 in the completion).\","
                + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";
        String noModel = "{\"object\":\"error\",\"message\":\"The model `gpt-9` does not exist.\","
                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}";
        for (Step step : List.of(new Step(400, tooLong, 0, Map.of()), new Step(404, noModel, 0, Map.of()))) {
            try (StubCompletionsServer stub = new StubCompletionsServer(step)) {
                BackendException e = assertThrows(BackendException.class, () -> backend(stub.baseUrl(),
                        Duration.ofSeconds(5)).generate(request(2, 0, Sampling.newBuilder().build(), Map.of())));
                assertEquals(1, stub.seen.size(), "a refused request is not retried");
                assertTrue(e.getMessage().contains("HTTP " + step.status()), e.getMessage());
                assertTrue(e.getMessage().contains(step.status() == 400 ? "maximum context length" : "does not exist"),
                        e.getMessage());
            }
        }
    }
}
