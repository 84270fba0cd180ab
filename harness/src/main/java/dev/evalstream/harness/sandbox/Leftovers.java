package dev.evalstream.harness.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what evaluators of dead JVMs (killed before their shutdown hook ran) left behind:
 * empty slot cgroups (v1 or v2) and temp dirs, both named after the owning JVM's pid.
 */
final class Leftovers {
    static final String TEMP_PREFIX = "evalstream-sandbox-";

    private Leftovers() {
    }

    static void prune() {
        Path mount = CgroupHierarchy.MOUNT;
        for (Path root : List.of(mount.resolve("memory"), mount.resolve("cpu"), mount.resolve("pids"), mount, mount.resolve("unified"))) {
            forEachDead(root.resolve("evalstream"), "", instance -> {
                try (Stream<Path> slots = Files.list(instance)) {
                    slots.filter(Files::isDirectory).forEach(slot -> slot.toFile().delete()); // rmdir: only if empty
                }
                instance.toFile().delete();
            });
        }
        forEachDead(Path.of(System.getProperty("java.io.tmpdir")), TEMP_PREFIX, Leftovers::deleteTree);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private interface Removal {
        void remove(Path path) throws IOException;
    }

    /** Entries named PREFIX + pid + "-" + anything whose pid no longer runs. */
    private static void forEachDead(Path dir, String prefix, Removal removal) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && Files.isDirectory(entry) && ownerDead(name.substring(prefix.length()))) {
                    removal.remove(entry);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: leftovers are small and retried at the next start
        }
    }

    private static boolean ownerDead(String rest) {
        int dash = rest.indexOf('-');
        if (dash < 1) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
