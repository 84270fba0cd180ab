package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.publishing.RunIds;
import dev.evalstream.evalctl.publishing.Submission;
import dev.evalstream.events.Sampling;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.data.Samples;
import dev.evalstream.schemas.EventChecks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** submit's flags that describe the run (model, backend, sampling, pass@k) and the run spec they make. */
public class RunFlags {
    @Option(names = "--model", paramLabel = "NAME", description = "Model name shown in tables (default: the samples file's stem, else the backend).")
    String model;

    @Mixin
    BackendFlags backendFlags = new BackendFlags();

    @Option(names = "--seed", paramLabel = "S", description = "Run seed; sample i draws with seed S + i (default: derived from the run id).")
    Long seed;

    @Option(names = "--n", paramLabel = "N", description = "Samples per task to generate (default: the replay file's most per task, else 1).")
    Integer n;

    @Mixin
    SamplingFlags samplingFlags = new SamplingFlags();

    @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "1,10,100", description = "k values of pass@k (default ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--chunk-size", paramLabel = "C", defaultValue = "10", description = "Sample indexes per Prompt event (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id to use instead of a generated one (no '|').")
    String runId;

    /** The spec of a run that scores a samples file as it is: one sample per line, model named after the file. */
    public Submission.Spec samplesSpec(Path samplesFile) {
        return spec(stem(samplesFile), Map.of(), 1);
    }

    /** The spec of a run a generator backend completes; the note about --api-key goes to the log. */
    public Submission.Spec promptSpec(Map<String, Problem> problems, StackOptions stack) {
        String backend = backendFlags.backend();
        if (backend == null) {
            throw EvalctlException.data("give --samples FILE, or --backend NAME to generate completions");
        }
        Map<String, String> options = backendFlags.options();
        Path replayFile = backendFlags.replayFile();
        if (backendFlags.hasApiKey()) {
            stack.log(0, "note: --api-key is carried in the run's Prompt events; prefer EVALSTREAM_GENERATOR_OPENAI_API_KEY on the generator");
        }
        int defaultN = 1;
        if (replayFile != null) {
            Path abs = replayFile.toAbsolutePath().normalize();
            List<SampleLine> replay = InputFiles.samples(abs, problems); // fail now, not in the generator
            options.put("file", abs.toString());
            defaultN = Samples.counts(replay).values().stream().mapToInt(Integer::intValue).max().orElse(1);
        } else if ("replay".equals(backend) && !options.containsKey("file")) {
            throw EvalctlException.data("backend replay needs --replay-file FILE");
        }
        return spec(backend, options, n != null ? n : defaultN);
    }

    private Submission.Spec spec(String defaultModel, Map<String, String> options, int samplesPerTask) {
        if (ks.stream().anyMatch(k -> k < 1) || chunkSize < 1 || samplesPerTask < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--k values, --chunk-size and --n must be at least 1");
        }
        String name = model != null ? model : defaultModel;
        String id = runId != null ? checked(runId) : RunIds.generate(name, Instant.now());
        Sampling sampling = samplingFlags.sampling()
                .setSeed(seed).build();
        return new Submission.Spec(id, name, backendFlags.backend(), options, sampling, samplesPerTask, List.copyOf(ks), chunkSize);
    }

    /** The run-id rule every service applies (EventChecks), so no run is refused after it was published. */
    private static String checked(String id) {
        EventChecks.runId(id).ifPresent(reason -> {
            throw new EvalctlException(ExitCodes.USAGE, reason);
        });
        return id;
    }

    private static String stem(Path file) {
        String s = file.getFileName().toString();
        return s.replaceAll("(\\.jsonl)?(\\.gz)?$", "");
    }
}
