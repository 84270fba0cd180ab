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
import java.nio.file.Files;
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
 * model. llama-server is in Debian sid only; scripts/sid-llama-server.sh fetches it from there
 * (without installing anything) and runs it, unless EVALSTREAM_LLAMA_SERVER names another
 * launcher. When it cannot be obtained (the script exits 75: no apt, no network, a renamed
 * package) or EVALSTREAM_LLAMA_SERVER=none, the test is reported as skipped with the reason,
 * never as passed; any other failure of the server fails the test.
 */
class LlamaServerTest {
    /** The launcher's exit status for "llama-server could not be obtained" (EX_TEMPFAIL). */
    private static final int CANNOT_OBTAIN = 75;

    @TempDir
    Path dir;

    @Test
    void samplesWithLogprobsFromARealLlamaCppServer() throws Exception {
        String launcher = System.getenv("EVALSTREAM_LLAMA_SERVER");
        if (launcher == null || launcher.isBlank()) {
            launcher = Path.of("scripts", "sid-llama-server.sh").toAbsolutePath().toString(); // the module's own
        }
        Assumptions.assumeFalse(launcher.equals("none"), "NOT RUN: EVALSTREAM_LLAMA_SERVER=none");
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
            awaitHealthy(base, server, dir.resolve("server.log"));
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

    private static void awaitHealthy(String base, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos(); // the first run downloads sid packages
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                String text = Files.readString(log);
                String tail = text.substring(Math.max(0, text.length() - 1500)).strip();
                Assumptions.assumeFalse(server.exitValue() == CANNOT_OBTAIN, "NOT RUN: " + tail);
                throw new AssertionError("llama-server exited with " + server.exitValue() + ": " + tail);
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
