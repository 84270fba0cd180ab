package dev.evalstream.harness.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the host lacks for full isolation; empty when everything is there. */
final class HostCheck {
    private HostCheck() {
    }

    static List<String> missing(SandboxOptions options) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(options.python())) {
            missing.add("python interpreter " + options.python() + " (Debian package python3)");
        }
        if (!Files.isExecutable(options.bwrap())) {
            missing.add("bubblewrap at " + options.bwrap() + " (Debian package bubblewrap)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root privileges (needed for per-slot uids and cgroups; running as "
                    + System.getProperty("user.name") + ")");
        }
        CgroupHierarchy.detect(CgroupHierarchy.MOUNT, missing);
        if (SyscallArch.current().isEmpty()) {
            missing.add("an x86-64 or aarch64 host (the seccomp filters are built for those only; this is "
                    + System.getProperty("os.arch") + ")");
        }
        return missing;
    }
}
