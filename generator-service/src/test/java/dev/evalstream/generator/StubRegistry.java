package dev.evalstream.generator;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two calls of the Confluent registry API our codec makes (register, schema by id), on a
 * free local port, so the real AvroCodec runs in unit tests.
 */
final class StubRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if ("POST".equals(ex.getRequestMethod()) && path.startsWith("/subjects/")) {
                String schema = JSON.readTree(ex.getRequestBody().readAllBytes()).get("schema").asText();
                int id = ids.computeIfAbsent(schema, s -> {
                    schemas.add(s);
                    return schemas.size();
                });
                send(ex, 200, JSON.createObjectNode().put("id", id).toString());
            } else if (path.startsWith("/schemas/ids/")) {
                int id = Integer.parseInt(path.substring("/schemas/ids/".length()));
                if (id >= 1 && id <= schemas.size()) {
                    send(ex, 200, JSON.createObjectNode().put("schema", schemas.get(id - 1)).toString());
                } else {
                    send(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                }
            } else {
                send(ex, 404, "{}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
