package dev.evalstream.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two calls of the Confluent registry API that {@link RegistryClient} makes (register a
 * schema under a subject, fetch a schema by id), answered by an in-JVM HTTP server on a local
 * port, so unit tests run the real codecs without Apicurio. Ids are 1, 2, ... in the order
 * distinct schemas are first registered, so a registry started again (same port) and given the
 * same schemas first hands out the same ids. The real registry is exercised by the integration
 * tests. Shared with the service modules through this module's test-jar.
 */
public final class InProcessRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    /** On any free port. */
    public InProcessRegistry() throws IOException {
        this(0);
    }

    /** On a given port (0: any free one). */
    public InProcessRegistry(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if ("POST".equals(ex.getRequestMethod()) && path.startsWith("/subjects/") && path.endsWith("/versions")) {
                String schema = JSON.readTree(ex.getRequestBody()).path("schema").asText();
                answer(ex, 200, JSON.createObjectNode().put("id", register(schema)).toString());
            } else if ("GET".equals(ex.getRequestMethod()) && path.startsWith("/schemas/ids/")) {
                String schema = schema(Integer.parseInt(path.substring("/schemas/ids/".length())));
                if (schema == null) {
                    answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                } else {
                    answer(ex, 200, JSON.createObjectNode().put("schema", schema).toString());
                }
            } else {
                answer(ex, 404, "{}");
            }
        }
    }

    private synchronized int register(String schema) {
        return ids.computeIfAbsent(schema, s -> {
            schemas.add(s);
            return schemas.size();
        });
    }

    private synchronized String schema(int id) {
        return id >= 1 && id <= schemas.size() ? schemas.get(id - 1) : null;
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
