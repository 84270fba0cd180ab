package dev.evalstream.generator.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Sampling;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openai backend against a real llama.cpp server (llama-server) serving the tiny random
 * model. A manual check: llama-server is only in Debian sid, so it runs when
 * EVALSTREAM_LLAMA_SERVER names a launcher (scripts/sid-llama-server.sh fetches and runs it);
 * otherwise it is reported as skipped with that reason, never as passed.
 */
class LlamaServerTest {
    @TempDir
    Path dir;

    @Test
    void samplesWithLogprobsFromARealLlamaCppServer() throws Exception {
        String launcher = System.getenv("EVALSTREAM_LLAMA_SERVER");
        Assumptions.assumeTrue(launcher != null && !launcher.isBlank(), "NOT RUN: manual check; set"
                + " EVALSTREAM_LLAMA_SERVER=generator-service/scripts/sid-llama-server.sh (llama-server is in Debian sid only)");
        Path model = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), 7);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(launcher, "-m", model.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "-t", "2", "-c", "512").redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base, server);
            RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(500), new Random(1));
            OpenAiBackend backend = new OpenAiBackend(new OpenAiSettings(base, null, null, Duration.ofSeconds(30)),
                    CompletionsClient.create(retry, 4));
            Sampling s = Sampling.newBuilder().setMaxTokens(16).setSeed(40L).setStop(List.of("\nclass", "q")).build();
            GenerationRequest req = new GenerationRequest("run-ls", "tiny", "T/0", "def f(x):\n", s, 3, 0, Map.of());
            List<Completion> out = backend.generate(req);
            assertEquals(3, out.size());
            for (Completion c : out) {
                assertNotNull(c.meanLogprob(), "llama.cpp's server gives log-probabilities: " + c);
                assertTrue(c.meanLogprob() <= 0);
                assertTrue(c.tokenCount() <= 16, "tokens " + c.tokenCount());
                assertTrue(!c.text().contains("q"));
            }
            List<Completion> again = backend.generate(new GenerationRequest("run-ls", "tiny", "T/0", "def f(x):\n", s,
                    1, 2, Map.of()));
            assertEquals(out.get(2).text(), again.get(0).text(), "seed + index reproduces sample 2");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void awaitHealthy(String base, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos(); // the first run downloads sid packages
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("llama-server exited with " + server.exitValue() + " (see server.log)");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("llama-server not healthy in time");
    }
}
