package dev.evalstream.scoring.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * POSTs one JSON body to the webhook URL: a 2xx answer is a delivery; anything else (another
 * status, no answer within the timeout, no connection) is tried again after a backoff that
 * doubles, at most {@code attempts} times in all. Answers why it failed, or empty when delivered.
 */
public final class WebhookPoster {
    private static final Logger LOG = Logger.getLogger(WebhookPoster.class);
    private final URI url;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookPoster(URI url, int attempts, Duration backoff, Duration timeout) {
        if (attempts < 1) {
            throw new IllegalArgumentException("webhook attempts must be at least 1, got " + attempts);
        }
        this.url = url;
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @return why the body could not be delivered, or empty when it was */
    public Optional<String> post(byte[] json) throws InterruptedException {
        String last = "";
        long wait = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() / 100 == 2) {
                    return Optional.empty();
                }
                last = "answered HTTP " + answer.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            LOG.warnf("alert webhook %s, attempt %d of %d: %s", url, attempt, attempts, last);
            if (attempt < attempts) {
                Thread.sleep(wait);
                wait *= 2;
            }
        }
        return Optional.of("alert webhook " + url + " " + last + " (" + attempts + " attempts, timeout "
                + timeout.toMillis() + " ms each)");
    }
}
