package dev.evalstream.generator.backend.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.args.LogFormat;
import dev.evalstream.events.Sampling;
import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.BackendException;
import dev.evalstream.generator.backend.Completion;
import dev.evalstream.generator.backend.GenerationRequest;
import dev.evalstream.generator.sampling.Seeds;
import dev.evalstream.generator.sampling.StopSequences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Samples from a GGUF model loaded in this process by llama.cpp (java-llama.cpp 4.2.0), on CPU.
 * The file is backend_options.model_file, else the configured default. llama.cpp has no
 * {@code n}: each sample is its own request with seed = run seed + sample index, so a redone
 * chunk reproduces its samples. It gives NO log-probabilities: java-llama.cpp's n_probs
 * option aborts the JVM, so it is never set, and every sample's sum/mean log-prob is null.
 */
public final class LlamaCppBackend implements Backend {
    public static final String NAME = "llamacpp";
    public static final String MODEL_FILE_OPTION = "model_file";
    private static final Logger LOG = Logger.getLogger(LlamaCppBackend.class);
    private static volatile boolean nativeLogRouted;

    private final LlamaCppSettings settings;
    private final LoadedModels models;

    public LlamaCppBackend(LlamaCppSettings settings) {
        this.settings = settings;
        this.models = new LoadedModels(settings, this::load);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean logprobs() {
        return false;
    }

    /** Loads the configured files now, so that the first prompt does not wait for weights. */
    public void preload(List<Path> files) {
        for (Path f : files) {
            models.with(checked(f), models::model);
        }
    }

    @Override
    public List<Completion> generate(GenerationRequest request) {
        String option = request.option(MODEL_FILE_OPTION);
        Path file = option != null ? Path.of(option) : settings.defaultModelFile();
        if (file == null) {
            throw new BackendException("llamacpp backend needs backend_options." + MODEL_FILE_OPTION
                    + " (a GGUF file) or evalstream.generator.llamacpp.model-file");
        }
        Path model = checked(file);
        long base = Seeds.base(request.sampling().getSeed(), request.runId());
        List<Completion> out = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            int seed = Seeds.forSample(base, request.firstIndex() + i);
            out.add(models.with(model, e -> sample(e, request, seed)));
        }
        return out;
    }

    private Completion sample(LoadedModels.Entry entry, GenerationRequest request, int seed) {
        Sampling s = request.sampling();
        StopSequences stops = new StopSequences(s.getStop());
        InferenceParameters params = new InferenceParameters(request.prompt())
                .setTemperature((float) s.getTemperature())
                .setTopP((float) s.getTopP())
                .setSeed(seed)
                .setNPredict(s.getMaxTokens())
                // a cached prompt would make a sample depend on the request before it
                .setCachePrompt(false);
        List<String> stopList = s.getStop().stream().filter(x -> !x.isEmpty()).toList();
        if (!stopList.isEmpty()) {
            params.setStopStrings(stopList.toArray(String[]::new)); // llama.cpp stops early; the cut is ours anyway
        }
        long t0 = System.nanoTime();
        LlamaModel model = models.model(entry);
        Streamed streamed;
        try {
            LlamaIterator it = model.generate(params).iterator();
            entry.running(it);
            try {
                streamed = Streamed.read(it, stops);
            } finally {
                entry.running(null);
            }
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendException("llama.cpp failed on " + entry.file + ": " + e, e);
        }
        return streamed.completion(stops, s.getMaxTokens(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * What llama.cpp streamed for one sample: the text and where each token's text starts.
     * llama.cpp sends one output per generated token (empty while it holds back text that may
     * begin a stop string, and a token completing a multi-byte character carries the bytes of
     * its predecessors), then one final output; the final one is not a token.
     */
    record Streamed(String text, List<Integer> tokenStarts) {
        static Streamed read(LlamaIterator it, StopSequences stops) {
            StringBuilder text = new StringBuilder();
            List<Integer> starts = new ArrayList<>();
            while (it.hasNext()) {
                LlamaOutput o = it.next();
                boolean token = it.hasNext(); // the output after which nothing follows is the final one
                if (token) {
                    starts.add(text.length());
                }
                text.append(o.text);
                if (token && stops.firstStop(text.toString()) >= 0) {
                    it.cancel(); // a stop llama.cpp let through: no need to generate past it
                    break;
                }
            }
            return new Streamed(text.toString(), starts);
        }

        /** Cut at the first stop; the kept tokens are those whose text starts before the cut. */
        Completion completion(StopSequences stops, int maxTokens, long ms) {
            int cut = stops.firstStop(text);
            if (cut < 0) {
                String finish = tokenStarts.size() >= maxTokens ? "length" : "stop";
                return new Completion(text, tokenStarts.size(), null, null, finish, ms);
            }
            int kept = (int) tokenStarts.stream().filter(start -> start < cut).count();
            return new Completion(text.substring(0, cut), kept, null, null, "stop", ms);
        }
    }

    private static Path checked(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs) || !Files.isReadable(abs)) {
            throw new BackendException("model file " + abs + " is not a readable file");
        }
        return abs;
    }

    private LlamaModel load(Path file) {
        routeNativeLog();
        return LoadedModels.load(file, settings);
    }

    /** llama.cpp logs every request to stderr; send it to our log at debug level instead. */
    private static void routeNativeLog() {
        if (!nativeLogRouted) {
            synchronized (LlamaCppBackend.class) {
                if (!nativeLogRouted) {
                    privateNativeDir();
                    Logger nativeLog = Logger.getLogger("llama.cpp");
                    LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> nativeLog.debug(msg.stripTrailing()));
                    nativeLogRouted = true;
                }
            }
        }
    }

    /**
     * java-llama.cpp extracts its native library to java.io.tmpdir/libjllama.so and deletes an
     * older one there first, so two JVMs on one host (two generators, a test beside a service)
     * delete each other's library. Each process gets its own directory instead.
     */
    private static void privateNativeDir() {
        if (System.getProperty("de.kherud.llama.tmpdir") == null) {
            try {
                Path dir = Files.createTempDirectory("evalstream-jllama-");
                dir.toFile().deleteOnExit();
                System.setProperty("de.kherud.llama.tmpdir", dir.toString());
            } catch (java.io.IOException e) {
                throw new BackendException("no temporary directory for llama.cpp's native library: " + e.getMessage(), e);
            }
        }
    }

    /** Cancels what is generating, then frees every model, waiting at most {@code grace} for each. */
    public void close(Duration grace) {
        models.close(grace);
    }

    @Override
    public void close() {
        models.close();
    }
}
