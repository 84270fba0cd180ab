package dev.evalstream.scoring.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.evalstream.scoring.model.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another scorer instance for its local share of a store (bounded: two attempts, short timeouts). */
@ApplicationScoped
public class PeerClient {
    static final int ATTEMPTS = 2;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public <T> QueryResult<T> get(HostInfo host, String path, TypeReference<T> type) {
        String where = host.host() + ":" + host.port();
        URI uri = URI.create("http://" + where + path);
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return new QueryResult.FoundElsewhere<>(Json.MAPPER.readValue(response.body(), type), where);
                }
                if (response.statusCode() == 404) {
                    return new QueryResult.NotFound<>();
                }
                last = where + " answered " + response.statusCode();
            } catch (IOException e) {
                last = where + " unreachable: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new QueryResult.NotReady<>("interrupted asking " + where);
            }
        }
        return new QueryResult.NotReady<>(last);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
