package dev.evalstream.evalctl.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM and every process it starts from now on (bubblewrap, fork servers,
 * samples), via a cgroup v1 cpuacct group the JVM moves into and back out of. Reaped-children
 * times (/proc/self/stat) would miss most of it: bubblewrap does not pass its children's
 * times up. Unavailable (NaN) without a writable cpuacct hierarchy.
 */
final class CpuMeter implements AutoCloseable {
    private static final Path ROOT = Path.of("/sys/fs/cgroup/cpuacct");

    private final Path group;
    private final Path home;
    private final long startNs;

    private CpuMeter(Path group, Path home, long startNs) {
        this.group = group;
        this.home = home;
        this.startNs = startNs;
    }

    static CpuMeter start() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Path home = ROOT.resolve(currentGroup());
            Path group = Files.createDirectories(ROOT.resolve("evalstream-bench-" + pid));
            Files.writeString(group.resolve("cgroup.procs"), pid); // moves every thread; children inherit it
            return new CpuMeter(group, home, usage(group));
        } catch (IOException | RuntimeException e) {
            return new CpuMeter(null, null, 0);
        }
    }

    /** Seconds of CPU used since start, NaN when unavailable. */
    double seconds() {
        try {
            return group == null ? Double.NaN : (usage(group) - startNs) / 1e9;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        if (group == null) {
            return;
        }
        try {
            Files.writeString(home.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException ignored) {
            return; // still inside: the group cannot be removed
        }
        // rmdir succeeds once the last sandbox process has exited, which can lag its reaping a little
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException busy) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // an empty group left behind costs nothing
                }
            }
        }
    }

    private static long usage(Path group) throws IOException {
        return Long.parseLong(Files.readString(group.resolve("cpuacct.usage")).strip());
    }

    /** This process's cpuacct path relative to the hierarchy root, from /proc/self/cgroup. */
    private static String currentGroup() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && java.util.Arrays.asList(parts[1].split(",")).contains("cpuacct")) {
                return parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            }
        }
        throw new IOException("no cpuacct hierarchy");
    }
}
