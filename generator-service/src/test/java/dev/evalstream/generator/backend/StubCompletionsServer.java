package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A completions server on a free local port that answers from a script (status, body, delay,
 * headers) and records every request it got. When the script runs out it repeats the last step.
 */
final class StubCompletionsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Step(int status, String body, long delayMs, Map<String, String> headers) {
        static Step ok(String body) {
            return new Step(200, body, 0, Map.of());
        }

        static Step status(int status) {
            return new Step(status, "{\"error\":\"stub " + status + "\"}", 0, Map.of());
        }
    }

    record Seen(String path, String authorization, JsonNode body, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private volatile Step last;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubCompletionsServer(Step... steps) throws IOException {
        script.addAll(List.of(steps));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                JSON.readTree(in), System.nanoTime()));
        Step step = script.poll();
        if (step == null) {
            step = last;
        }
        last = step;
        try {
            if (step.delayMs() > 0) {
                Thread.sleep(step.delayMs());
            }
            step.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] out = step.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(step.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException | IOException e) {
            // the client gave up on a slow answer: nothing to send it
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
