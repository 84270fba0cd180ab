package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.evalctl.EvalctlException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The scoring service's REST API. A 503 (stores rebalancing) is retried a bounded number of
 * times after its Retry-After; 404 becomes "not found", 409 "conflict"; an unreachable scorer
 * "unavailable".
 */
public final class ScorerClient {
    public static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int ATTEMPTS = 10;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ScorerClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public RunView run(String runId) {
        return get("/runs/" + encode(runId), new TypeReference<>() { }, "run " + runId);
    }

    /** Per-task tallies of a run. */
    public List<TaskView> tasks(String runId) {
        return get("/runs/" + encode(runId) + "/tasks", new TypeReference<>() { }, "run " + runId);
    }

    /** Verdicts ordered by submission position. */
    public List<SampleVerdict> samples(String runId) {
        return get("/runs/" + encode(runId) + "/samples", new TypeReference<>() { }, "run " + runId);
    }

    /** A model family's checkpoints with their planned runs' figures. */
    public HistoryView history(String family) {
        return get("/families/" + encode(family) + "/history", new TypeReference<>() { }, "family " + family);
    }

    /** Run B against run A task by task; a 409 (other datasets, nothing scored in both) is a conflict. */
    public CompareView compare(String a, String b) {
        return get("/compare?a=" + encode(a) + "&b=" + encode(b), new TypeReference<>() { }, "a run to compare");
    }

    public List<ModelView> models() {
        return get("/models", new TypeReference<>() { }, "models");
    }

    private <T> T get(String path, TypeReference<T> type, String what) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw EvalctlException.unavailable("scorer not reachable at " + baseUrl + " (" + e
                        + "); is the stack up? try: evalctl status");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EvalctlException.unavailable("interrupted while asking the scorer for " + what);
            }
            int status = response.statusCode();
            if (status == 200) {
                try {
                    return JSON.readValue(response.body(), type);
                } catch (IOException e) {
                    throw new EvalctlException(dev.evalstream.evalctl.ExitCodes.SOFTWARE,
                            "scorer answered " + uri + " with JSON evalctl cannot read: " + e.getMessage(), e);
                }
            }
            if (status == 404) {
                throw EvalctlException.notFound(what + " not found: " + errorText(response.body()));
            }
            if (status == 409) {
                throw new EvalctlException(dev.evalstream.evalctl.ExitCodes.CONFLICT, errorText(response.body()));
            }
            if (status == 503 && attempt < ATTEMPTS) {
                sleep(retryAfterMs(response));
                continue;
            }
            throw EvalctlException.unavailable("scorer answered " + status + " for " + uri
                    + (status == 503 ? " after " + ATTEMPTS + " attempts" : "") + ": " + errorText(response.body()));
        }
    }

    private static long retryAfterMs(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim());
            return Math.min(MAX_BACKOFF_MS, Math.max(100, seconds * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.textValue();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: show the start of the body instead
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EvalctlException.unavailable("interrupted while waiting for the scorer");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
