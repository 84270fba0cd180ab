package dev.evalstream.harness.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classic-BPF seccomp programs (struct sock_filter[], little-endian like both architectures), built
 * here rather than with libseccomp so the project needs no extra package. Two programs:
 * <ul>
 * <li>{@link #sandbox}: bubblewrap applies it to everything in the sandbox (fork server, judge,
 *     samples); a deny list, since the server needs setuid, chown and kill to hand out uids.</li>
 * <li>{@link #sample}: worker.py stacks it on each sample's process once it has dropped to the
 *     slot's uid; an allow list ({@link SyscallPolicy}). Calls on the refused lists answer EPERM
 *     (a clear "Operation not permitted"); any other call answers ENOSYS, as a kernel without it
 *     would, so that libc and CPython take the fallbacks they keep for older kernels rather than
 *     fail.</li>
 * </ul>
 * Both kill a process that calls through another ABI (the audit arch check: i386 calls on x86-64,
 * x32 calls are refused), refuse clone with any CLONE_NEW* flag, and answer clone3 ENOSYS so libc
 * falls back to clone, whose flags a filter can read (clone3's are behind a pointer).
 */
final class SeccompFilter {
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_EPERM = 0x00050000 | 1;
    private static final int RET_ENOSYS = 0x00050000 | 38;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    /** CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME */
    private static final int CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000
            | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080;
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;
    private static final int ARCH_OFFSET = 4;
    private static final int NR_OFFSET = 0;
    private static final int ARG0_LOW_OFFSET = 16;

    private static final short JA = 0x05;
    /** Stands for clone in the search: its flags decide. */
    private static final int CLONE_RULE = -1;

    private final SyscallArch arch;
    private final List<int[]> code = new ArrayList<>(); // {opcode, jt, jf, k}, jumps relative

    private SeccompFilter(SyscallArch arch) {
        this.arch = arch;
    }

    /** The outer filter: everything but {@link SyscallPolicy#REFUSED} and namespace-making clones. */
    static byte[] sandbox(SyscallArch arch) {
        Map<Integer, Integer> actions = new TreeMap<>();
        add(actions, arch, SyscallPolicy.REFUSED, RET_EPERM);
        return new SeccompFilter(arch).build(actions, RET_ALLOW);
    }

    /** Nothing refused: tests put it in place of {@link #sandbox} to show the layers behind the filter alone. */
    static byte[] allowAll(SyscallArch arch) {
        return new SeccompFilter(arch).build(new TreeMap<>(), RET_ALLOW);
    }

    /** The sample's filter: {@link SyscallPolicy#sampleAllowed()} only. */
    static byte[] sample(SyscallArch arch) {
        Map<Integer, Integer> actions = new TreeMap<>();
        add(actions, arch, SyscallPolicy.sampleAllowed(), RET_ALLOW);
        add(actions, arch, SyscallPolicy.sampleRefused(), RET_EPERM);
        return new SeccompFilter(arch).build(actions, RET_ENOSYS);
    }

    private static void add(Map<Integer, Integer> actions, SyscallArch arch, List<String> names, int action) {
        for (String name : names) {
            arch.number(name).ifPresent(nr -> actions.put(nr, action));
        }
    }

    /**
     * Architecture check, x32 refusal, then a binary search over the calls' numbers down to the
     * action of the range holding the call: about ten instructions per call, where a list would
     * test each entry in turn. That matters because the kernel walks the program for every call
     * number when a filter is attached (for its cache of always-allowed calls), and the sample's
     * filter is attached once per sample: as a list of 200 tests it cost about 0.45 ms, a tenth
     * of a HumanEval sample.
     */
    private byte[] build(Map<Integer, Integer> byNumber, int otherwise) {
        Map<Integer, Integer> actions = new TreeMap<>(byNumber);
        actions.put(number("clone"), CLONE_RULE);
        actions.put(number("clone3"), RET_ENOSYS);
        List<int[]> ranges = new ArrayList<>(); // {first number, action}, up to the next range's first
        int previous = -1;
        for (Map.Entry<Integer, Integer> e : actions.entrySet()) {
            int nr = e.getKey();
            if (nr != previous + 1 && (ranges.isEmpty() || ranges.get(ranges.size() - 1)[1] != otherwise)) {
                ranges.add(new int[] {previous + 1, otherwise});
            }
            if (ranges.isEmpty() || ranges.get(ranges.size() - 1)[1] != e.getValue()) {
                ranges.add(new int[] {nr, e.getValue()});
            }
            previous = nr;
        }
        ranges.add(new int[] {previous + 1, otherwise});
        add(LD_W_ABS, 0, 0, ARCH_OFFSET);
        add(JEQ_K, 1, 0, arch.auditArch());
        ret(RET_KILL_PROCESS);
        add(LD_W_ABS, 0, 0, NR_OFFSET);
        if (arch == SyscallArch.X86_64) {
            add(JGE_K, 0, 1, X32_SYSCALL_BIT);
            ret(RET_EPERM);
        }
        search(ranges, 0, ranges.size() - 1);
        return bytes();
    }

    /** Ranges from..to: test the middle range's first number, left half if below, right half if not. */
    private void search(List<int[]> ranges, int from, int to) {
        if (from == to) {
            leaf(ranges.get(from)[1]);
            return;
        }
        int mid = (from + to + 1) / 2;
        add(JGE_K, 0, 1, ranges.get(mid)[0]);
        int jump = code.size();
        add(JA, 0, 0, 0); // to the right half, patched below: a 32-bit offset, where jt and jf have 8 bits
        search(ranges, from, mid - 1);
        code.get(jump)[3] = code.size() - jump - 1;
        search(ranges, mid, to);
    }

    private void leaf(int action) {
        if (action == CLONE_RULE) {
            add(LD_W_ABS, 0, 0, ARG0_LOW_OFFSET); // clone's flags, the same first argument on both
            add(JSET_K, 0, 1, CLONE_NEW_ANY);
            ret(RET_EPERM);
            ret(RET_ALLOW);
        } else {
            ret(action);
        }
    }

    private int number(String name) {
        return arch.number(name).orElseThrow();
    }

    private SeccompFilter ret(int action) {
        return add(RET_K, 0, 0, action);
    }

    private SeccompFilter add(short op, int jt, int jf, int k) {
        code.add(new int[] {op, jt, jf, k});
        return this;
    }

    private byte[] bytes() {
        if (code.size() > 4096) {
            throw new IllegalStateException("seccomp program too long: " + code.size());
        }
        ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] ins : code) {
            out.putShort((short) ins[0]).put((byte) ins[1]).put((byte) ins[2]).putInt(ins[3]);
        }
        return out.array();
    }
}
