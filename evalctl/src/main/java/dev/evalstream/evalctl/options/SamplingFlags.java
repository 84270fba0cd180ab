package dev.evalstream.evalctl.options;

import dev.evalstream.events.Sampling;
import picocli.CommandLine.Option;

/** How samples are drawn, as submit and plan add take it (the paper's defaults). */
public class SamplingFlags {
    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95", description = "Nucleus sampling top_p (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--max-tokens", paramLabel = "M", defaultValue = "512", description = "Tokens per completion at most (default ${DEFAULT-VALUE}).")
    int maxTokens;

    /** The Sampling event part, with the stop sequences' default. */
    public Sampling.Builder sampling() {
        return Sampling.newBuilder().setTemperature(temperature).setTopP(topP).setMaxTokens(maxTokens);
    }
}
