package dev.evalstream.executor.config;

import dev.evalstream.harness.sandbox.SandboxOptions;

/** Applies the configured sandbox options over the sandbox's own defaults. */
public final class SandboxSettings {
    private SandboxSettings() {
    }

    public static SandboxOptions of(ExecutorConfig.Sandbox config) {
        SandboxOptions o = SandboxOptions.defaults();
        if (config.slots().isPresent()) {
            o = o.withSlots(config.slots().getAsInt());
        }
        if (config.timeout().isPresent()) {
            o = o.withTimeoutMs(config.timeout().get().toMillis());
        }
        if (config.memoryMb().isPresent()) {
            o = o.withMemoryBytes(config.memoryMb().getAsLong() << 20);
        }
        if (config.pidsLimit().isPresent()) {
            o = o.withPidsLimit(config.pidsLimit().getAsInt());
        }
        if (config.retries().isPresent()) {
            o = o.withRetries(config.retries().getAsInt());
        }
        if (config.python().isPresent()) {
            o = o.withPython(config.python().get());
        }
        if (config.bwrap().isPresent()) {
            o = o.withBwrap(config.bwrap().get());
        }
        if (config.uidBase().isPresent()) {
            o = o.withUidBase(config.uidBase().getAsInt());
        }
        return o.withInsecure(config.insecure());
    }
}
