package dev.evalstream.scoring.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the schema registry in topology tests, where no registry runs: an in-JVM
 * HTTP server answering the two calls RegistryClient makes (register a schema under a
 * subject, fetch a schema by id), on a free port. The real registry (Apicurio's Confluent
 * API) is exercised by the integration tests on the local stack.
 */
final class InMemoryRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    InMemoryRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if ("POST".equals(ex.getRequestMethod()) && path.startsWith("/subjects/") && path.endsWith("/versions")) {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                String schema = body.path("schema").asText();
                int id = ids.computeIfAbsent(schema, s -> {
                    synchronized (schemas) {
                        schemas.add(s);
                        return schemas.size();
                    }
                });
                answer(ex, 200, JSON.createObjectNode().put("id", id).toString());
            } else if ("GET".equals(ex.getRequestMethod()) && path.startsWith("/schemas/ids/")) {
                int id = Integer.parseInt(path.substring("/schemas/ids/".length()));
                if (id < 1 || id > schemas.size()) {
                    answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                } else {
                    answer(ex, 200, JSON.createObjectNode().put("schema", schemas.get(id - 1)).toString());
                }
            } else {
                answer(ex, 404, "{}");
            }
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
