package dev.evalstream.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two calls of the Confluent registry API that AvroCodec makes (register, schema by id),
 * served in-process on a free port, so tests use the real codec and registry client without
 * starting Apicurio.
 */
public final class FakeRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();

    public FakeRegistry() throws IOException {
        this(0);
    }

    /** On a given port (0: any free one). */
    public FakeRegistry(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/subjects/", this::register);
        server.createContext("/schemas/ids/", this::schema);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String schema = body.path("schema").asText();
        int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
        schemas.put(id, schema);
        answer(exchange, 200, JSON.createObjectNode().put("id", id).toString());
    }

    private void schema(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String schema = schemas.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
        if (schema == null) {
            answer(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
            answer(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
