package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * POSTs one JSON body to a completions endpoint, retrying what a retry can fix (429, 5xx,
 * timeouts, refused connections) under a {@link RetryPolicy}, and failing at once on what it
 * cannot (other 4xx, a body that is not JSON).
 */
public final class CompletionsClient {
    private static final Logger LOG = Logger.getLogger(CompletionsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** How the client waits between attempts; tests record the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public CompletionsClient(HttpClient http, RetryPolicy retry, Sleeper sleeper) {
        this.http = http;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public static CompletionsClient create(RetryPolicy retry) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        return new CompletionsClient(http, retry, d -> Thread.sleep(d.toMillis()));
    }

    public JsonNode post(OpenAiSettings settings, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.completionsUrl()))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest built = request.build();
        String lastFailure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return parse(response.body(), settings);
                }
                lastFailure = "HTTP " + status + " " + abbreviate(response.body());
                if (status != 429 && status < 500) {
                    throw new BackendException(settings.completionsUrl() + " refused the request: " + lastFailure);
                }
                retryAfter = retryAfter(response);
            } catch (HttpTimeoutException e) {
                lastFailure = "no answer within " + settings.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("interrupted while calling " + settings.completionsUrl(), e);
            }
            if (attempt < retry.maxAttempts()) {
                Duration wait = retry.delay(attempt, retryAfter);
                LOG.debugf("attempt %d at %s failed (%s); retrying in %d ms", attempt, settings.completionsUrl(),
                        lastFailure, wait.toMillis());
                pause(wait);
            }
        }
        throw new BackendException(settings.completionsUrl() + " failed " + retry.maxAttempts()
                + " attempts; last: " + lastFailure);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while backing off", e);
        }
    }

    private static JsonNode parse(String body, OpenAiSettings settings) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new BackendException(settings.completionsUrl() + " answered with a body that is not JSON: "
                    + abbreviate(body), e);
        }
    }

    /** Retry-After in seconds, as servers behind rate limiters send it; dates are ignored. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.trim()) * 1000));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

}
