package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backend_options of a generated run from submit's flags: --base-url and --api-key for
 * "openai" (base_url, api_key), --model-file for "llamacpp" (model_file, made absolute because
 * the generator resolves it, not the caller's shell). A flag for another backend is a usage
 * error rather than an option the generator would silently ignore.
 */
public final class BackendOptions {
    public static final String OPENAI = "openai";
    public static final String LLAMACPP = "llamacpp";

    private BackendOptions() {
    }

    public static Map<String, String> of(String backend, String baseUrl, String apiKey, Path modelFile,
                                         Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>(extra);
        if (baseUrl != null || apiKey != null) {
            require(OPENAI.equals(backend), "--base-url and --api-key are for --backend openai");
            put(options, "base_url", baseUrl);
            put(options, "api_key", apiKey);
        }
        if (modelFile != null) {
            require(LLAMACPP.equals(backend), "--model-file is for --backend llamacpp");
            Path abs = modelFile.toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs) || !Files.isReadable(abs)) {
                throw EvalctlException.data("--model-file " + abs + " is not a readable file");
            }
            options.put("model_file", abs.toString());
        }
        return options;
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new EvalctlException(ExitCodes.USAGE, message);
        }
    }
}
