package dev.evalstream.harness.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One slot's memory, cpu and pids cgroups (v1). The slot's samples join them; the fork server
 * itself stays outside, so a sample that exhausts memory is killed, never its server. The cpu
 * cgroups of all slots have equal weights (cpu.shares), so under contention each slot's whole
 * process tree gets the same share of the machine however many processes it runs: a neighbour's
 * fork-and-spin cannot starve an honest sample into a time-out. A weight rather than a quota
 * (cpu.cfs_quota_us): a quota would slow a lone sample on an idle machine too, and move honest
 * samples near the time limit over it.
 */
final class SlotCgroup implements AutoCloseable {
    static final int CPU_SHARES = 1024;
    private final Path memory;
    private final Path cpu;
    private final Path pids;

    private SlotCgroup(Path memory, Path cpu, Path pids) {
        this.memory = memory;
        this.cpu = cpu;
        this.pids = pids;
    }

    /** Creates evalstream/&lt;instance&gt;/slot&lt;i&gt; under the three controllers with the limits set. */
    static SlotCgroup create(String instance, int slot, long memoryBytes, int pidsLimit) {
        Path mem = HostCheck.MEMORY_ROOT.resolve("evalstream").resolve(instance).resolve("slot" + slot);
        Path cpu = HostCheck.CPU_ROOT.resolve("evalstream").resolve(instance).resolve("slot" + slot);
        Path pid = HostCheck.PIDS_ROOT.resolve("evalstream").resolve(instance).resolve("slot" + slot);
        try {
            Files.createDirectories(mem);
            Files.createDirectories(cpu);
            Files.createDirectories(pid);
            Files.writeString(cpu.resolve("cpu.shares"), Integer.toString(CPU_SHARES));
            Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) { // swap accounting: without it a sample could page out past the limit
                Files.writeString(memsw, Long.toString(memoryBytes));
            }
            Files.writeString(pid.resolve("pids.max"), Integer.toString(pidsLimit));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up cgroups for slot " + slot + ": " + e.getMessage(), e);
        }
        return new SlotCgroup(mem, cpu, pid);
    }

    Path memory() {
        return memory;
    }

    Path cpu() {
        return cpu;
    }

    Path pids() {
        return pids;
    }

    /** Removes the slot's cgroups (they must be empty: the server has been stopped). */
    @Override
    public void close() {
        for (Path dir : new Path[] {memory, cpu, pids}) {
            try {
                Files.deleteIfExists(dir);
                Files.deleteIfExists(dir.getParent()); // instance dir, once its last slot is gone
            } catch (IOException ignored) {
                // not empty yet (another slot) or already gone
            }
        }
    }
}
