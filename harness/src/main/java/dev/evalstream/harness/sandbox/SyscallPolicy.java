package dev.evalstream.harness.sandbox;

import java.util.List;
import java.util.stream.Stream;

/**
 * Which system calls the seccomp filters let through, by name (numbers per architecture are
 * {@link SyscallArch}'s). The sample's filter is an allow list: what a sample's process was
 * measured to make, plus headroom of calls honest Python makes on paths that measurement did not
 * take; everything else is refused. The outer filter, over the fork server and the judge, which
 * need root's remaining powers to give out uids, is a deny list.
 */
final class SyscallPolicy {
    /**
     * Made by sample processes (and their threads and children) over HumanEval's 164 canonical
     * solutions in both designs, 656 real model completions, ForgeryTest's 78 attacks and numpy
     * imported and used (harness/scripts/syscalls.py over SyscallSurvey's strace traces, 2026-11-30),
     * most frequent first: the filter tests them in this order.
     */
    static final List<String> MEASURED = List.of("newfstatat", "write", "read", "lseek", "exit_group",
            "rt_sigaction", "setitimer", "openat", "close", "mmap", "ioctl", "brk", "mremap", "munmap", "mprotect",
            "getdents64", "futex", "rt_sigprocmask", "gettid", "clock_nanosleep", "fcntl", "clone", "set_robust_list",
            "getrandom", "sched_getaffinity", "uname", "rt_sigreturn", "pselect6", "mbind", "prctl", "rseq", "wait4",
            "madvise", "exit");

    /**
     * Not in the measurement, but on honest paths: the older and newer forms of the calls above
     * (stat, fstat, access, dup2, pipe, poll ...: libc picks one by architecture and version), files
     * in the scratch dir, process, time and signal queries, children and their signals, rlimits
     * within the hard limits, a thread's sleeps and waits, its own capabilities (capget: none), its own
     * CPU affinity (the server pins each slot to one CPU for speed, not safety: the slot's cpu cgroup
     * is what bounds it). None reaches past the sample's uid, namespaces and cgroups.
     */
    static final List<String> HEADROOM = List.of("open", "stat", "fstat", "lstat", "statx", "access", "faccessat",
            "faccessat2", "readlink", "readlinkat", "pread64", "pwrite64", "readv", "writev", "getcwd", "chdir", "fchdir",
            "dup", "dup2", "dup3", "pipe", "pipe2", "poll", "ppoll", "select", "fstatfs", "statfs", "fsync", "fdatasync",
            "ftruncate", "fadvise64", "close_range", "mkdir", "mkdirat", "unlink", "unlinkat", "rmdir", "rename",
            "renameat", "renameat2", "umask", "fchmod", "chmod", "fchmodat", "utimensat", "waitid", "kill", "tgkill",
            "tkill", "getpid", "getppid", "getpgrp", "getpgid", "setpgid", "getsid", "setsid", "getuid", "geteuid",
            "getgid", "getegid", "getresuid", "getresgid", "getgroups", "sched_yield", "sched_getparam",
            "sched_getscheduler", "sched_setaffinity", "getpriority", "getcpu", "times", "getrusage", "getrlimit", "setrlimit", "prlimit64",
            "sysinfo", "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "alarm", "getitimer",
            "sigaltstack", "rt_sigpending", "rt_sigsuspend", "rt_sigtimedwait", "pause", "restart_syscall",
            "get_mempolicy", "msync", "mincore", "capget");

    /**
     * Refused to everything in the sandbox with EPERM: sockets, ptrace, mounts, namespaces, keyrings,
     * bpf, perf, userfaultfd, io_uring, cross-process memory, modules, clocks; and System V and
     * POSIX IPC, whose objects would outlive a sample in the slot's IPC namespace (a channel to the
     * next sample: samples that learnt a task's answers that way passed 5 of 12 tries).
     */
    static final List<String> REFUSED = List.of("socket", "ptrace", "syslog", "uselib", "vhangup", "pivot_root",
            "adjtimex", "chroot", "acct", "settimeofday", "mount", "umount2", "swapon", "swapoff", "reboot", "iopl",
            "ioperm", "init_module", "delete_module", "quotactl", "lookup_dcookie", "clock_settime", "kexec_load",
            "add_key", "request_key", "keyctl", "unshare", "perf_event_open", "name_to_handle_at", "open_by_handle_at",
            "clock_adjtime", "setns", "process_vm_readv", "process_vm_writev", "kcmp", "finit_module", "kexec_file_load",
            "bpf", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "open_tree", "move_mount",
            "fsopen", "fsconfig", "fsmount", "fspick", "pidfd_getfd", "mount_setattr",
            "shmget", "shmat", "shmctl", "semget", "semop", "semctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl",
            "semtimedop", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr");

    /**
     * Refused to samples with EPERM too, though the server needs them: running programs, socket pairs,
     * and changing ids or owners (which a sample's uid, without capabilities, could not do anyway).
     */
    static final List<String> REFUSED_TO_SAMPLES = List.of("execve", "execveat", "socketpair", "setuid", "setgid",
            "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "setfsuid", "setfsgid", "chown", "fchown",
            "lchown", "fchownat");

    private SyscallPolicy() {
    }

    static List<String> sampleAllowed() {
        return Stream.concat(MEASURED.stream(), HEADROOM.stream()).toList();
    }

    static List<String> sampleRefused() {
        return Stream.concat(REFUSED.stream(), REFUSED_TO_SAMPLES.stream()).toList();
    }
}
