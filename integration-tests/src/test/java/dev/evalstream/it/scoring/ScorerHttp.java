package dev.evalstream.it.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs on one scorer instance, answering status and body (any status, unlike the stack's Scorer helper). */
public record ScorerHttp(String baseUrl) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    public static final ObjectMapper JSON = new ObjectMapper();

    /** servedBy: the peer that held the data (X-Evalstream-Served-By), null when answered locally. */
    public record Answer(int status, String body, String servedBy) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("X-Evalstream-Served-By").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The 200 answer's JSON, retrying 503s (rebalance) for up to the timeout. */
    public JsonNode json(String path, Duration timeout) {
        return ok(path, timeout).json();
    }

    /** The 200 answer, retrying anything else for up to the timeout. */
    public Answer ok(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer a;
        do {
            a = get(path);
            if (a.status() == 200) {
                return a;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + baseUrl + path + " answered " + a.status() + ": " + a.body());
    }

    public boolean ready() {
        return get("/q/health/ready").status() == 200;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
