package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The scorer's REST interactive queries, read as any HTTP client would. */
final class Scorer {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static JsonNode get(String path) {
        HttpResponse<String> r = send(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body());
    }

    /** The status a GET of path is answered with (a resource another branch may not have yet answers 404). */
    static int status(String path) {
        return send(path).statusCode();
    }

    private static HttpResponse<String> send(String path) {
        String url = "http://localhost:" + ItStack.stack().config().ports().scorer() + path;
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Scorer() {
    }
}
