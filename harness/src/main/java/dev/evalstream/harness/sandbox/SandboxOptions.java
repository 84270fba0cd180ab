package dev.evalstream.harness.sandbox;

import java.nio.file.Path;

/**
 * Limits and sizing of a {@link SandboxEvaluator}. Defaults follow human-eval (3 s per sample)
 * and what measured fastest on a 2-core machine.
 *
 * @param slots          samples run at once; each slot is one warm fork server in its own sandbox
 * @param timeoutMs      default wall-clock limit per sample ({@code Problem.timeoutMs} overrides it)
 * @param memoryBytes    memory limit of one sample's whole process tree (memory cgroup)
 * @param pidsLimit      processes and threads one sample may have at once (pids cgroup)
 * @param outputCapBytes bytes of raw stdout/stderr kept per sample; the rest is discarded
 * @param fileSizeBytes  largest file a sample may write (RLIMIT_FSIZE)
 * @param retries        extra attempts after an infrastructure fault before answering ERROR
 * @param insecure       run without namespaces, cgroups and uids when the host lacks them (logs loudly)
 * @param python         the interpreter binary (not a pyenv shim)
 * @param bwrap          the bubblewrap binary
 * @param uidBase        slot i runs its samples as uid/gid uidBase + i and its judge as uidBase + 100000 + i
 *                       (far above: instances sharing a host get bases a few slots apart, and no
 *                       judge may share a uid with another instance's samples)
 * @param design         how a pass is decided: {@link Design#PROVEN} (the default) or human-eval's
 *                       {@link Design#IN_PROCESS}, kept for comparison only
 */
public record SandboxOptions(int slots, long timeoutMs, long memoryBytes, int pidsLimit,
                             int outputCapBytes, long fileSizeBytes, int retries, boolean insecure,
                             Path python, Path bwrap, int uidBase, Design design) {

    /** Where the test's assertions run. */
    public enum Design {
        /** The test runs in a trusted judge process of its own uid; the sample's process runs only
         * prompt + completion and answers calls with plain data. No sample can make its own verdict. */
        PROVEN,
        /** human-eval's design: the whole program in the sample's process. A sample written against
         * the harness can forge a pass; for comparison and benchmarks, never for figures. */
        IN_PROCESS
    }

    public static final long DEFAULT_TIMEOUT_MS = 3000;
    /** Judges' uids start this far above the samples'. */
    public static final int JUDGE_UID_OFFSET = 100_000;

    public SandboxOptions {
        if (slots < 1 || timeoutMs < 1 || memoryBytes < 16 << 20 || pidsLimit < 1 || outputCapBytes < 0
                || fileSizeBytes < 0 || retries < 0 || uidBase < 1000 || slots > JUDGE_UID_OFFSET || design == null) {
            throw new IllegalArgumentException("invalid sandbox options: " + this);
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(4, DEFAULT_TIMEOUT_MS, 512L << 20, 64, 64 << 10, 16L << 20, 2, false,
                Path.of("/usr/bin/python3"), Path.of("/usr/bin/bwrap"), 61000, Design.PROVEN);
    }

    public SandboxOptions withSlots(int n) {
        return new SandboxOptions(n, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withTimeoutMs(long ms) {
        return new SandboxOptions(slots, ms, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withMemoryBytes(long bytes) {
        return new SandboxOptions(slots, timeoutMs, bytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withPidsLimit(int n) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, n, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withOutputCapBytes(int n) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, n, fileSizeBytes, retries, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withRetries(int n) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, n, insecure, python, bwrap, uidBase, design);
    }

    public SandboxOptions withInsecure(boolean on) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, on, python, bwrap, uidBase, design);
    }

    public SandboxOptions withPython(Path path) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, path, bwrap, uidBase, design);
    }

    public SandboxOptions withBwrap(Path path) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, path, uidBase, design);
    }

    public SandboxOptions withUidBase(int uid) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uid, design);
    }

    public SandboxOptions withDesign(Design d) {
        return new SandboxOptions(slots, timeoutMs, memoryBytes, pidsLimit, outputCapBytes, fileSizeBytes, retries, insecure, python, bwrap, uidBase, d);
    }

    /** The uid slot i's judge runs as. */
    public int judgeUid(int slot) {
        return uidBase + JUDGE_UID_OFFSET + slot;
    }
}
