package dev.evalstream.harness.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What every slot's sandbox binds in read-only from the pool's private temp dir: worker.py, the
 * sandbox's seccomp program (bubblewrap reads it) and the sample's (worker.py stacks it on each
 * sample), built for this machine's architecture.
 */
record SandboxFiles(Path worker, Path seccomp, Path sampleSeccomp) {

    static SandboxFiles write(Path dir, Path worker, SyscallArch arch, Set<Layer> removed) throws IOException {
        byte[] sandbox = removed.contains(Layer.SANDBOX_SECCOMP) ? SeccompFilter.allowAll(arch) : SeccompFilter.sandbox(arch);
        return new SandboxFiles(worker, Files.write(dir.resolve("seccomp.bpf"), sandbox),
                Files.write(dir.resolve("sample-seccomp.bpf"), SeccompFilter.sample(arch)));
    }
}
