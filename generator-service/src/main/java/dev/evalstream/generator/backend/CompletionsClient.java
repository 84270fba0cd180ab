package dev.evalstream.generator.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;

/**
 * POSTs one JSON body to a completions endpoint, retrying what a retry can fix (429, 5xx,
 * timeouts, refused connections) under a {@link RetryPolicy}, and failing at once on what it
 * cannot (other 4xx, a body that is not JSON).
 *
 * <p>Blocking I/O on the calling generation worker over a pool of keep-alive connections: the
 * worker writes the request and reads the answer itself. An asynchronous client hands every
 * answer from its selector thread to an executor and then to the waiting caller; each hand-off
 * wakes an idle thread, which cost about 3 ms a request on this kind of VM (GeneratorBench).
 */
public final class CompletionsClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompletionsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final CloseableHttpClient http;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** How the client waits between attempts; tests record the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private record Answer(int status, String body, Header retryAfter) {
    }

    public CompletionsClient(CloseableHttpClient http, RetryPolicy retry, Sleeper sleeper) {
        this.http = http;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** A client keeping up to {@code connections} connections to each server (the generator's concurrency). */
    public static CompletionsClient create(RetryPolicy retry, int connections) {
        return create(retry, connections, d -> Thread.sleep(d.toMillis()));
    }

    public static CompletionsClient create(RetryPolicy retry, int connections, Sleeper sleeper) {
        int perServer = Math.max(1, connections);
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(perServer)
                        .setMaxConnTotal(4 * perServer)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                // a server may drop an idle keep-alive connection; check before reuse
                                // rather than spend an attempt and a backoff on it
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableAutomaticRetries() // ours are bounded and logged; a second layer would multiply them
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
        return new CompletionsClient(http, retry, sleeper);
    }

    public JsonNode post(OpenAiSettings settings, JsonNode body) {
        String url = settings.completionsUrl();
        String json = body.toString();
        String lastFailure = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                Answer answer = http.execute(request(settings, url, json), response -> new Answer(response.getCode(),
                        response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()),
                        response.getFirstHeader("Retry-After")));
                int status = answer.status();
                if (status / 100 == 2) {
                    return parse(answer.body(), settings);
                }
                lastFailure = "HTTP " + status + " " + abbreviate(answer.body());
                if (status != 429 && status < 500) {
                    throw new BackendException(url + " refused the request: " + lastFailure);
                }
                retryAfter = retryAfter(answer.retryAfter());
            } catch (ConnectTimeoutException e) { // a SocketTimeoutException too: caught first
                lastFailure = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
            } catch (SocketTimeoutException e) {
                lastFailure = "no answer within " + settings.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (IllegalStateException e) { // the pool was shut down: the service is stopping
                throw new BackendException("client closed while calling " + url + ": " + e.getMessage(), e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new BackendException("interrupted while calling " + url);
            }
            if (attempt < retry.maxAttempts()) {
                Duration wait = retry.delay(attempt, retryAfter);
                LOG.debugf("attempt %d at %s failed (%s); retrying in %d ms", attempt, url, lastFailure,
                        wait.toMillis());
                pause(wait);
            }
        }
        throw new BackendException(url + " failed " + retry.maxAttempts() + " attempts; last: " + lastFailure);
    }

    private static HttpPost request(OpenAiSettings settings, String url, String json) {
        HttpPost post = new HttpPost(URI.create(url));
        // the longest silence while waiting: a non-streaming completions endpoint sends nothing until it is
        // done, so for it this is the request's deadline; a server that trickles bytes is cut only when it
        // falls silent that long
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(settings.requestTimeout())).build());
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            post.setHeader("Authorization", "Bearer " + settings.apiKey());
        }
        return post;
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
    private static Duration retryAfter(Header header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(header.getValue().trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }
}
