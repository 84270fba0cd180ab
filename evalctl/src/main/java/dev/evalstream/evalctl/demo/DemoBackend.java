package dev.evalstream.evalctl.demo;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.stack.StackConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which backend the demo generates with, from the environment: the bundled replay file by
 * default, a real model when one is configured:
 * EVALSTREAM_DEMO_BACKEND=openai with EVALSTREAM_DEMO_BASE_URL (and optionally
 * EVALSTREAM_DEMO_MODEL, EVALSTREAM_DEMO_API_KEY), or EVALSTREAM_DEMO_BACKEND=llamacpp with
 * EVALSTREAM_DEMO_MODEL_FILE.
 *
 * @param submitArgs what to pass to submit for it
 * @param description one line saying what the demo uses
 */
public record DemoBackend(String name, String model, List<String> submitArgs, String description) {
    /** The model name of the bundled replay samples. */
    public static final String REPLAY_MODEL = "demo-replay";
    static final int N = 5;
    static final String KS = "1,5";

    public static DemoBackend from(Map<String, String> env, Path replayFile) {
        String backend = env.getOrDefault("EVALSTREAM_DEMO_BACKEND", "replay").trim();
        switch (backend) {
            case "", "replay" -> {
                return new DemoBackend("replay", REPLAY_MODEL,
                        List.of("--backend", "replay", "--replay-file", replayFile.toString()),
                        "backend replay: each checkpoint's bundled samples, beside " + replayFile
                                + " (set EVALSTREAM_DEMO_BACKEND=openai or llamacpp to sample a real model)");
            }
            case "openai" -> {
                String url = need(env, "EVALSTREAM_DEMO_BASE_URL", "the OpenAI-compatible server, e.g. http://localhost:8000/v1");
                String model = env.getOrDefault("EVALSTREAM_DEMO_MODEL", "demo-openai");
                List<String> args = new ArrayList<>(List.of("--backend", "openai", "--base-url", url,
                        "--n", Integer.toString(N)));
                String key = env.get("EVALSTREAM_DEMO_API_KEY");
                if (key != null && !key.isBlank()) {
                    args.addAll(List.of("--api-key", key));
                }
                return new DemoBackend("openai", model, args, "backend openai: model " + model + " at " + url
                        + (env.containsKey("EVALSTREAM_DEMO_MODEL") ? "" : " (set EVALSTREAM_DEMO_MODEL to the served model name)"));
            }
            case "llamacpp" -> {
                String file = need(env, "EVALSTREAM_DEMO_MODEL_FILE", "a GGUF model file");
                String model = env.getOrDefault("EVALSTREAM_DEMO_MODEL",
                        Path.of(file).getFileName().toString().replaceAll("\\.gguf$", ""));
                return new DemoBackend("llamacpp", model, List.of("--backend", "llamacpp", "--model-file", file,
                        "--n", Integer.toString(N)), "backend llamacpp: " + file + " in the generator's process (CPU)");
            }
            default -> throw new EvalctlException(ExitCodes.USAGE, "EVALSTREAM_DEMO_BACKEND=" + backend
                    + " is not one of replay, openai, llamacpp");
        }
    }

    /**
     * checkpoint's backend flags for one of the family's checkpoints: its bundled samples replayed, or
     * the configured real model sampled (every checkpoint then samples the same model).
     */
    public List<String> checkpointArgs(Path checkpointSamples) {
        return switch (name) {
            case "replay" -> List.of("--backend", "replay", "--samples", checkpointSamples.toString());
            case "openai" -> {
                List<String> args = new ArrayList<>(submitArgs.subList(0, 4)); // --backend openai --base-url URL
                args.addAll(List.of("--model", model));
                int key = submitArgs.indexOf("--api-key");
                if (key >= 0) {
                    args.addAll(submitArgs.subList(key, key + 2));
                }
                yield args;
            }
            default -> submitArgs.subList(0, 4); // --backend llamacpp --model-file FILE
        };
    }

    /** submit's arguments for the demo run on the bundled problems, against this stack. */
    public List<String> submitCommandLine(Path problems, StackConfig stack) {
        List<String> args = new ArrayList<>(List.of("--problems", problems.toString()));
        args.addAll(submitArgs);
        args.addAll(List.of("--model", model, "--k", KS,
                "--bootstrap-servers", stack.bootstrapServers(),
                "--registry-url", stack.registryUrl(),
                "--scorer-url", stack.scorerUrl()));
        return args;
    }

    private static String need(Map<String, String> env, String name, String what) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new EvalctlException(ExitCodes.USAGE, "EVALSTREAM_DEMO_BACKEND=" + env.get("EVALSTREAM_DEMO_BACKEND")
                    + " needs " + name + " (" + what + ")");
        }
        return v.trim();
    }
}
