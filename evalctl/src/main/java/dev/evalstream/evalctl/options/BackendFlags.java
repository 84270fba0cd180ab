package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.publishing.BackendOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that say how to sample a model: a generator backend and its options. Shared by
 * submit (through {@link RunFlags}) and checkpoint, so both spell them the same way.
 */
public class BackendFlags {
    static final String REPLAY = "replay";
    /** The replay backend's option naming its samples file (the generator's ReplayBackend.FILE_OPTION). */
    static final String REPLAY_FILE_OPTION = "file";

    @Option(names = "--backend", paramLabel = "NAME", description = "Generator backend: replay, openai, llamacpp.")
    String backend;

    @Option(names = "--replay-file", paramLabel = "FILE", description = "Samples file the replay backend replays (passed as backend option file).")
    Path replayFile;

    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI-compatible server of --backend openai (vLLM, SGLang, llama.cpp server, Ollama), e.g. http://localhost:8000/v1; default: the generator's configured one.")
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Bearer key for --backend openai. It travels in the events; a key set on the generator (EVALSTREAM_GENERATOR_OPENAI_API_KEY) does not.")
    String apiKey;

    @Option(names = "--model-file", paramLabel = "PATH", description = "GGUF model of --backend llamacpp, loaded in the generator's process (it must see this path).")
    Path modelFile;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE", description = "Extra backend option, repeatable (e.g. request_timeout_s=600).")
    Map<String, String> backendOptions = new LinkedHashMap<>();

    public String backend() {
        return backend;
    }

    public Path replayFile() {
        return replayFile;
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    /**
     * A checkpoint's backend options: as submit's, plus the replay file (--samples or
     * --replay-file, made absolute, read now so a bad line fails here and not in the generator)
     * and the served model's name (--model, option "model"). The plans' datasets are not known
     * here, so the replay file is checked for form, not against their tasks.
     */
    public Map<String, String> checkpointOptions(Path samples, String model) {
        if (backend == null || backend.isBlank()) {
            throw new EvalctlException(ExitCodes.USAGE, "give --backend NAME (replay, openai, llamacpp): how to sample the checkpoint");
        }
        if (samples != null && replayFile != null) {
            throw new EvalctlException(ExitCodes.USAGE, "give --samples or --replay-file, not both (they are the same file)");
        }
        Path file = samples != null ? samples : replayFile;
        Map<String, String> options = options();
        if (file != null) {
            if (!REPLAY.equals(backend)) {
                throw new EvalctlException(ExitCodes.USAGE, "--samples / --replay-file are for --backend replay");
            }
            Path abs = file.toAbsolutePath().normalize();
            InputFiles.samples(abs);
            options.put(REPLAY_FILE_OPTION, abs.toString());
        } else if (REPLAY.equals(backend) && !options.containsKey(REPLAY_FILE_OPTION)) {
            throw EvalctlException.data("backend replay needs --samples FILE");
        }
        if (model != null && !model.isBlank()) {
            options.put("model", model);
        }
        return options;
    }

    /** base_url, api_key, model_file and the extra options, checked against the backend (see {@link BackendOptions}). */
    public Map<String, String> options() {
        return BackendOptions.of(backend, baseUrl, apiKey, modelFile, backendOptions);
    }
}
