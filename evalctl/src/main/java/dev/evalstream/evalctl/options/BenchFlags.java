package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.local.DesignComparison;
import dev.evalstream.evalctl.publishing.StreamingBench;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** bench's flags: which samples, which mode, how many rounds, how printed; and which go together. */
public class BenchFlags {
    /** The samples to time: a file, or every problem's canonical solution N times. */
    public static class Input {
        @Option(names = "--samples", paramLabel = "FILE", description = "Samples to evaluate, human-eval JSONL (.gz allowed).")
        Path samplesFile;

        @Option(names = "--canonical", paramLabel = "N", description = "Evaluate every problem's canonical solution N times (default 10 without --samples).")
        Integer canonical;

        public Path samplesFile() {
            return samplesFile;
        }

        public Integer canonical() {
            return canonical;
        }
    }

    @Option(names = "--streaming", description = "Submit the samples through Kafka to the running stack and time the run until the scorer says complete.")
    boolean streaming;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "1800", description = "Longest wait for a streaming run (default ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--warmup", paramLabel = "RUNS", defaultValue = "0", description = "Streaming: runs sent first and not "
            + "timed, so that the services' JIT compilers have done their work (a stack that has run for a while). "
            + "Default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--rounds", paramLabel = "RUNS", defaultValue = "1", description = "Timed runs; each is "
            + "printed, then their median (locally, each round runs both designs). Default ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--json", description = "Print the figures as one JSON object (streaming: one per timed run, then the median).")
    boolean json;

    /** With --streaming the running executor's settings apply: the local sandbox's flags are a usage error. */
    public void rejectLocalFlags(ParseResult parsed) {
        if (!streaming) {
            return;
        }
        for (String local : List.of("--workers", "--timeout", "--insecure")) {
            if (parsed.hasMatchedOption(local)) {
                throw new EvalctlException(ExitCodes.USAGE, local + " sets the local bench's sandbox; with --streaming "
                        + "the running executor's own settings apply (EVALSTREAM_EXECUTOR_SANDBOX_*)");
            }
        }
    }

    /** Warm-up runs and rounds as the mode allows them. */
    public void checkRounds() {
        if (streaming && (warmup < 0 || rounds < 1)) {
            throw new EvalctlException(ExitCodes.USAGE, "--warmup must be 0 or more and --rounds 1 or more");
        }
        if (!streaming && warmup != 0) {
            throw new EvalctlException(ExitCodes.USAGE, "--warmup applies to --streaming only");
        }
        if (!streaming && rounds < 1) {
            throw new EvalctlException(ExitCodes.USAGE, "--rounds must be 1 or more");
        }
    }

    public boolean streaming() {
        return streaming;
    }

    public StreamingBench streamingBench(StackOptions stack, PrintWriter out) {
        return new StreamingBench(stack.bootstrapServers(), stack.registryUrl(), new ScorerClient(stack.scorerUrl()),
                stack::log, out, json, warmup, rounds, Duration.ofSeconds(waitSeconds));
    }

    public DesignComparison designComparison(PrintWriter out) {
        return new DesignComparison(out, json, rounds);
    }
}
