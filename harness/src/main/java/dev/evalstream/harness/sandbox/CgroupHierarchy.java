package dev.evalstream.harness.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the slots' cgroups go, found at start: cgroup v2 when its hierarchy offers the memory,
 * cpu and pids controllers (most current hosts), else v1's three controllers (hybrid hosts such
 * as this one), else nothing, with what each version lacks. The mount point is a parameter so
 * that tests can point it at a directory laid out like a real one.
 *
 * @param version 1 or 2
 * @param roots   v1: the memory, cpu and pids controller roots; v2: the hierarchy's root
 */
record CgroupHierarchy(int version, List<Path> roots) {
    static final Path MOUNT = Path.of("/sys/fs/cgroup");
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

    /** The host's hierarchy, or null with what is missing added to {@code missing}. */
    static CgroupHierarchy detect(Path mount, List<String> missing) {
        Path v2 = v2Root(mount);
        List<String> v2Lacks = v2 == null ? List.of("no cgroup2 hierarchy at " + mount + " or " + mount.resolve("unified"))
                : v2Lacks(v2);
        if (v2Lacks.isEmpty()) {
            return new CgroupHierarchy(2, List.of(v2));
        }
        List<String> v1Lacks = new ArrayList<>();
        List<Path> v1 = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            Path root = mount.resolve(controller);
            v1.add(root);
            if (!Files.isWritable(root.resolve("cgroup.procs"))) {
                v1Lacks.add(controller + " (no writable " + root.resolve("cgroup.procs") + ")");
            }
        }
        if (v1Lacks.isEmpty()) {
            return new CgroupHierarchy(1, List.copyOf(v1));
        }
        missing.add("cgroup controllers memory, cpu and pids in either version: v2 " + String.join(", ", v2Lacks)
                + "; v1 lacks " + String.join(", ", v1Lacks));
        return null;
    }

    /** Pure v2 mounts it at the mount point itself; hybrid hosts (systemd) at unified/ beside v1. */
    private static Path v2Root(Path mount) {
        for (Path candidate : List.of(mount, mount.resolve("unified"))) {
            if (Files.isRegularFile(candidate.resolve("cgroup.controllers"))) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> v2Lacks(Path root) {
        List<String> lacks = new ArrayList<>();
        List<String> offered;
        try {
            offered = Arrays.asList(Files.readString(root.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (IOException e) {
            return List.of("at " + root + " is unreadable (" + e.getMessage() + ")");
        }
        List<String> absent = CONTROLLERS.stream().filter(c -> !offered.contains(c)).toList();
        if (!absent.isEmpty()) {
            lacks.add("at " + root + " lacks " + String.join(", ", absent) + " (its cgroup.controllers lists: "
                    + (offered.equals(List.of("")) ? "none" : String.join(" ", offered)) + ")");
        }
        if (!Files.isWritable(root.resolve("cgroup.subtree_control"))) {
            lacks.add("at " + root + " has no writable cgroup.subtree_control");
        }
        return lacks;
    }
}
