package dev.evalstream.evalctl.catalog;

import dev.evalstream.evalctl.EvalctlException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One bounded download of a publisher's file (GitHub answers release URLs with a redirect).
 * A single attempt: a failure is reported, and running the command again is the retry.
 * Untested here: the project's machines have no network.
 */
public class Download {
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration WHOLE = Duration.ofMinutes(10);

    public void to(String url, Path target) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(WHOLE).GET().build();
        try {
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw EvalctlException.unavailable("download " + url + " answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw EvalctlException.unavailable("download " + url + " failed: " + e
                    + "; set " + DatasetFiles.MIRROR_ENV + " to a folder holding the file instead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalctlException(dev.evalstream.evalctl.ExitCodes.INTERRUPTED, "interrupted during download of " + url);
        }
    }
}
