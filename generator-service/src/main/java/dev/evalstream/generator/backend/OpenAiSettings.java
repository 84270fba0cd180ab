package dev.evalstream.generator.backend;

import java.time.Duration;

/**
 * Where and how to reach an OpenAI-compatible completions server. The service's configuration
 * gives the defaults; a prompt's backend_options (base_url, api_key, model,
 * request_timeout_s) override them per run.
 *
 * @param model null to send the run's model name
 */
public record OpenAiSettings(String baseUrl, String apiKey, String model, Duration requestTimeout) {

    public OpenAiSettings overriddenBy(GenerationRequest request) {
        String timeout = request.option("request_timeout_s");
        Duration t = requestTimeout;
        if (timeout != null) {
            double seconds;
            try {
                seconds = Double.parseDouble(timeout);
            } catch (NumberFormatException e) {
                throw new BackendException("backend_options.request_timeout_s is not a number: " + timeout);
            }
            // 0 would mean "wait forever" to the HTTP client: a hung server would hold a worker for good
            if (!(seconds >= 0.001) || Double.isInfinite(seconds)) {
                throw new BackendException("backend_options.request_timeout_s must be a positive number of seconds: "
                        + timeout);
            }
            t = Duration.ofMillis(Math.round(seconds * 1000));
        }
        return new OpenAiSettings(
                or(request.option("base_url"), baseUrl),
                or(request.option("api_key"), apiKey),
                or(request.option("model"), or(model, request.model())),
                t);
    }

    /** The completions endpoint; a base URL given with or without its /v1 suffix both work. */
    public String completionsUrl() {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return (base.endsWith("/v1") ? base : base + "/v1") + "/completions";
    }

    private static String or(String a, String b) {
        return a == null || a.isBlank() ? b : a;
    }
}
