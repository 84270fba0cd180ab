package dev.evalstream.harness.sandbox;

/**
 * The process-level layers of the sandbox that tests may take away, one at a time, to show the
 * attack each one stops succeeding without it ({@link SandboxEvaluator#createWithout}). Package
 * private: nothing outside the sandbox's tests can weaken a sandbox.
 */
enum Layer {
    /** The server's capabilities cut to what handing out uids takes; samples with none, bounding set included. */
    PRIVILEGE_DROP,
    /** The sandbox-wide seccomp deny list bubblewrap loads (an allow-everything program in its place). */
    SANDBOX_SECCOMP,
    /** The sample's seccomp allow list (the outer deny list stays). */
    SAMPLE_SECCOMP,
    /** No /proc in the sandbox. */
    NO_PROC,
    /** RLIMIT_NOFILE on samples. */
    OPEN_FILES,
    /** The size bound of the scratch tmpfs. */
    SCRATCH_SIZE
}
