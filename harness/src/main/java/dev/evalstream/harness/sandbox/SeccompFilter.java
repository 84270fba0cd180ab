package dev.evalstream.harness.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic-BPF seccomp program handed to bubblewrap (--seccomp FD), applied to everything in
 * the sandbox: x86-64 only; sockets, ptrace, mounts, namespace creation (unshare, setns, clone
 * with CLONE_NEW*), kernel keyrings, bpf, perf, cross-process memory access, module loading,
 * clock setting, io_uring and similar answer EPERM; clone3 answers ENOSYS so libc falls back to
 * clone, whose flags this filter can inspect. Built here rather than with libseccomp so the
 * project needs no extra package.
 */
final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_EPERM = 0x00050000 | 1;
    private static final int RET_ENOSYS = 0x00050000 | 38;
    private static final int CLONE = 56;
    private static final int CLONE3 = 435;
    /** CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME */
    private static final int CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000
            | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080;
    /** x86-64 numbers: socket, ptrace, syslog, uselib, vhangup, pivot_root, adjtimex, chroot, acct,
     * settimeofday, mount, umount2, swapon, swapoff, reboot, iopl, ioperm, init_module, delete_module,
     * quotactl, lookup_dcookie, clock_settime, kexec_load, add_key, request_key, keyctl, unshare,
     * perf_event_open, name_to_handle_at, open_by_handle_at, clock_adjtime, setns, process_vm_readv,
     * process_vm_writev, kcmp, finit_module, kexec_file_load, bpf, userfaultfd, io_uring_setup,
     * io_uring_enter, io_uring_register, open_tree, move_mount, fsopen, fsconfig, fsmount, fspick,
     * pidfd_getfd, mount_setattr; and every System V and POSIX IPC call (shmget, shmat, shmctl,
     * semget, semop, semctl, shmdt, msgget, msgsnd, msgrcv, msgctl, semtimedop, mq_open, mq_unlink,
     * mq_timedsend, mq_timedreceive, mq_notify, mq_getsetattr): their objects outlive the sample
     * in the slot's IPC namespace, a channel from one sample to the next (samples that learnt a
     * task's answers that way passed 5 of 12 tries); nothing a sample honestly needs uses them. */
    static final int[] DENIED = {41, 101, 103, 134, 153, 155, 159, 161, 163, 164, 165, 166, 167, 168, 169,
        172, 173, 175, 176, 179, 212, 227, 246, 248, 249, 250, 272, 298, 303, 304, 305, 308, 310, 311, 312,
        313, 320, 321, 323, 425, 426, 427, 428, 429, 430, 431, 432, 433, 438, 442,
        29, 30, 31, 64, 65, 66, 67, 68, 69, 70, 71, 220, 240, 241, 242, 243, 244, 245};

    private SeccompFilter() {
    }

    /** The program as struct sock_filter[] bytes (native little-endian). */
    static byte[] program() {
        List<int[]> code = new ArrayList<>(); // {opcode, jt, jf, k}; jumps as absolute targets, fixed below
        int deny = -1;
        int enosys = -2;
        int cloneCheck = -3;
        code.add(new int[] {0x20, 0, 0, 4});                      // A = arch
        code.add(new int[] {0x15, 1, 0, AUDIT_ARCH_X86_64});      // next+1 if x86-64
        code.add(new int[] {0x06, 0, 0, RET_KILL_PROCESS});
        code.add(new int[] {0x20, 0, 0, 0});                      // A = nr
        code.add(new int[] {0x35, deny, 0, X32_SYSCALL_BIT});     // x32 ABI: deny
        for (int nr : DENIED) {
            code.add(new int[] {0x15, deny, 0, nr});
        }
        code.add(new int[] {0x15, cloneCheck, 0, CLONE});
        code.add(new int[] {0x15, enosys, 0, CLONE3});
        code.add(new int[] {0x06, 0, 0, RET_ALLOW});
        int cloneAt = code.size();
        code.add(new int[] {0x20, 0, 0, 16});                     // A = low 32 bits of clone flags
        code.add(new int[] {0x45, deny, 0, CLONE_NEW_ANY});
        code.add(new int[] {0x06, 0, 0, RET_ALLOW});
        int denyAt = code.size();
        code.add(new int[] {0x06, 0, 0, RET_EPERM});
        int enosysAt = code.size();
        code.add(new int[] {0x06, 0, 0, RET_ENOSYS});

        ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < code.size(); i++) {
            int[] ins = code.get(i);
            out.putShort((short) ins[0]);
            out.put((byte) offset(ins[1], i, denyAt, enosysAt, cloneAt));
            out.put((byte) offset(ins[2], i, denyAt, enosysAt, cloneAt));
            out.putInt(ins[3]);
        }
        return out.array();
    }

    /** Jump offsets are relative to the next instruction; labels are negative placeholders. */
    private static int offset(int jump, int at, int denyAt, int enosysAt, int cloneAt) {
        int target = switch (jump) {
            case -1 -> denyAt;
            case -2 -> enosysAt;
            case -3 -> cloneAt;
            default -> -1;
        };
        if (target < 0) {
            return jump;
        }
        int rel = target - at - 1;
        if (rel > 255) {
            throw new IllegalStateException("seccomp jump too far: " + rel);
        }
        return rel;
    }
}
