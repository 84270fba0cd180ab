package dev.evalstream.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent schema registry API (which Apicurio Registry also serves
 * under /apis/ccompat/v7). Registered ids and fetched schemas are cached for the life of the
 * client; every call is retried a bounded number of times.
 */
public final class RegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, RegistryClient> SHARED = new ConcurrentHashMap<>();

    private final String baseUrl;
    private final HttpClient http;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RegistryClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One client per registry URL per JVM, so every serde shares the caches. */
    public static RegistryClient shared(String baseUrl) {
        return SHARED.computeIfAbsent(baseUrl, RegistryClient::new);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\0' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        JsonNode answer = call(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "register " + subject);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new RegistryException("registry gave no id for " + subject + ": " + answer);
        }
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The writer schema with this global id. */
    public Schema schema(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET(), "schema id " + id);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /**
     * Sets the registry-wide compatibility level (BACKWARD, FULL, ...). Idempotent: Apicurio
     * answers 409 when the rule already exists, which is fine as long as it has this level.
     */
    public void setGlobalCompatibility(String level) {
        String body = JSON.createObjectNode().put("compatibility", level).toString();
        try {
            call(HttpRequest.newBuilder(uri("/config")).header("Content-Type", CONTENT_TYPE)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), "set compatibility");
        } catch (RegistryException e) {
            if (e.status() != 409) {
                throw e;
            }
            String current = globalCompatibility();
            if (!level.equalsIgnoreCase(current)) {
                throw new RegistryException("registry " + baseUrl + " keeps compatibility " + current
                        + " and refuses to change it to " + level, 409);
            }
        }
    }

    /** The registry-wide compatibility level. */
    public String globalCompatibility() {
        JsonNode answer = call(HttpRequest.newBuilder(uri("/config")).GET(), "read compatibility");
        return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(""));
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return JSON.readTree(response.body());
                }
                last = new RegistryException(what + ": registry " + baseUrl + " answered " + status + " " + response.body(), status);
                if (status < 500) {
                    throw last; // 404, 409 (incompatible), 422: retrying cannot help
                }
            } catch (IOException e) {
                last = new RegistryException(what + ": registry " + baseUrl + " unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(what + ": interrupted", e);
            }
            sleep(100L << attempt);
        }
        throw last;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A registry call that failed; its message says which call and what the registry said. */
    public static final class RegistryException extends RuntimeException {
        private final int status;

        RegistryException(String message) {
            this(message, -1);
        }

        RegistryException(String message, int status) {
            super(message);
            this.status = status;
        }

        RegistryException(String message, Throwable cause) {
            super(message, cause);
            this.status = -1;
        }

        /** The registry's HTTP status, or -1 when it could not be reached. */
        public int status() {
            return status;
        }

        /** True when the registry answered that the schema or subject does not exist or is invalid: bad input, not an outage. */
        public boolean isClientError() {
            return status >= 400 && status < 500;
        }

        /**
         * Whether a failure comes from a registry that could not be reached or failed on its side
         * (a RegistryException other than a client error anywhere in its causes): worth retrying,
         * and never the record's fault, unlike bytes naming a schema the registry does not have.
         */
        public static boolean isOutage(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof RegistryException e) {
                    return !e.isClientError();
                }
            }
            return false;
        }
    }
}
