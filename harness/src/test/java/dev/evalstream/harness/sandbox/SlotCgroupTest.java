package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and every file write of both cgroup versions, against temp dirs laid out like the
 * kernel's hierarchies (the interface files the kernel would create in a new group are created
 * here first). That the kernel accepts these writes is shown on the real v1 hierarchy by every
 * sandbox test, and on a real v2 hierarchy by {@link RealCgroupV2Test} where one exists.
 */
class SlotCgroupTest {
    @TempDir
    Path mount;

    private static Path file(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), content);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    private static void assertContents(Map<Path, String> expected) throws IOException {
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), read(e.getKey()), e.getKey().toString());
        }
    }

    /** A pure v2 host (Debian 12, Ubuntu 22.04+): the hierarchy at the mount point, controllers offered. */
    private void v2Host(String controllers) throws IOException {
        file(mount, "cgroup.controllers", controllers + "\n");
        file(mount, "cgroup.subtree_control", "\n");
        file(mount, "cgroup.procs", "");
        Path slot = mount.resolve("evalstream/inst/slot0");
        for (Path group : List.of(mount.resolve("evalstream"), mount.resolve("evalstream/inst"))) {
            file(group, "cgroup.subtree_control", "\n");
        }
        for (String name : List.of("memory.max", "memory.swap.max", "pids.max", "cpu.max", "cpu.weight", "cgroup.kill",
                "cgroup.procs")) {
            file(slot, name, "");
        }
    }

    private void v1Controllers(String... controllers) throws IOException {
        for (String c : controllers) {
            file(mount.resolve(c), "cgroup.procs", "");
        }
    }

    @Test
    void v2IsChosenWhereItOffersTheControllersAndEveryLimitIsWritten() throws IOException {
        v2Host("cpuset cpu io memory hugetlb pids rdma misc");
        v1Controllers("memory", "cpu", "pids"); // v2 wins even beside a complete v1
        List<String> missing = new ArrayList<>();
        CgroupHierarchy h = CgroupHierarchy.detect(mount, missing);
        assertEquals(List.of(), missing);
        assertEquals(new CgroupHierarchy(2, List.of(mount)), h);

        SlotCgroup cg = SlotCgroup.create(h, "inst", 0, 4, 256L << 20, 64);
        Path slot = mount.resolve("evalstream/inst/slot0");
        assertEquals(Map.of("slot", slot), cg.dirs());
        for (Path group : List.of(mount, mount.resolve("evalstream"), mount.resolve("evalstream/inst"))) {
            assertEquals("+memory +cpu +pids", read(group.resolve("cgroup.subtree_control")), group.toString());
        }
        assertContents(Map.of(slot.resolve("memory.max"), Long.toString(256L << 20), slot.resolve("memory.swap.max"), "0",
                slot.resolve("pids.max"), "64", slot.resolve("cpu.max"), "100000 100000", slot.resolve("cpu.weight"), "100",
                mount.resolve("evalstream/inst/cpu.weight"), "400", // the instance weighs as its 4 slots
                mount.resolve("evalstream/cpu.weight"), "400"));
        cg.close();
        assertEquals("1", read(slot.resolve("cgroup.kill")), "close kills what is left in the group");
    }

    @Test
    void v2ControllersAlreadyEnabledAreNotWrittenAgain() throws IOException {
        v2Host("cpu memory pids");
        Files.writeString(mount.resolve("cgroup.subtree_control"), "cpu memory pids io\n");
        SlotCgroup.create(CgroupHierarchy.detect(mount, new ArrayList<>()), "inst", 0, 1, 64L << 20, 8);
        assertEquals("cpu memory pids io", read(mount.resolve("cgroup.subtree_control")));
    }

    @Test
    void aHybridHostWhoseV2HasNoControllersUsesV1AndWritesItsLimits() throws IOException {
        // this machine: systemd's unified/ beside v1, its cgroup.controllers empty
        file(mount.resolve("unified"), "cgroup.controllers", "\n");
        file(mount.resolve("unified"), "cgroup.subtree_control", "\n");
        v1Controllers("memory", "cpu", "pids");
        file(mount.resolve("memory/evalstream/inst/slot1"), "memory.memsw.limit_in_bytes", "");
        CgroupHierarchy h = CgroupHierarchy.detect(mount, new ArrayList<>());
        assertEquals(new CgroupHierarchy(1, List.of(mount.resolve("memory"), mount.resolve("cpu"), mount.resolve("pids"))), h);

        file(mount.resolve("cpu/evalstream"), "cpu.shares", "8192\n"); // another instance, of 8 slots, asked for more
        SlotCgroup cg = SlotCgroup.create(h, "inst", 1, 2, 128L << 20, 32);
        assertEquals(List.of("memory", "cpu", "pids"), List.copyOf(cg.dirs().keySet()));
        Path mem = mount.resolve("memory/evalstream/inst/slot1");
        Path cpu = mount.resolve("cpu/evalstream/inst/slot1");
        assertContents(Map.of(mem.resolve("memory.limit_in_bytes"), Long.toString(128L << 20),
                mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(128L << 20),
                mount.resolve("pids/evalstream/inst/slot1/pids.max"), "32", cpu.resolve("cpu.shares"), "1024",
                cpu.resolve("cpu.cfs_period_us"), "100000", cpu.resolve("cpu.cfs_quota_us"), "100000",
                mount.resolve("cpu/evalstream/inst/cpu.shares"), "2048", // the instance weighs as its 2 slots
                mount.resolve("cpu/evalstream/cpu.shares"), "8192")); // the shared group keeps the larger weight
    }

    @Test
    void withNeitherVersionCompleteItSaysWhatEachLacks() throws IOException {
        file(mount.resolve("unified"), "cgroup.controllers", "\n");
        file(mount.resolve("unified"), "cgroup.subtree_control", "\n");
        v1Controllers("cpu");
        List<String> missing = new ArrayList<>();
        assertNull(CgroupHierarchy.detect(mount, missing));
        assertEquals(List.of("cgroup controllers memory, cpu and pids in either version: v2 at " + mount.resolve("unified")
                + " lacks memory, cpu, pids (its cgroup.controllers lists: none); v1 lacks memory (no writable "
                + mount.resolve("memory/cgroup.procs") + "), pids (no writable " + mount.resolve("pids/cgroup.procs") + ")"),
                missing);
    }

    @Test
    void aV2HostMissingOneControllerNamesIt() throws IOException {
        v2Host("cpuset cpu io memory");
        List<String> missing = new ArrayList<>();
        assertNull(CgroupHierarchy.detect(mount, missing));
        assertTrue(missing.get(0).contains("v2 at " + mount + " lacks pids (its cgroup.controllers lists: cpuset cpu io memory)"),
                missing.toString());
    }
}
