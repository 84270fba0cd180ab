package dev.evalstream.evalctl.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts detached processes and stops exactly those again. Each process gets one pid file
 * (pid and start time, so a recycled pid is never mistaken for ours) and one log file.
 * Only this class touches ProcessBuilder in the stack package.
 */
final class Supervisor {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final StackConfig config;

    Supervisor(StackConfig config) {
        this.config = config;
    }

    /**
     * Launches the command in its own session (so Ctrl-C on evalctl does not reach it and it
     * outlives evalctl), output appended to the component's log, and records its pid.
     */
    ProcessHandle start(Component c, List<String> command, Map<String, String> env, Path workDir) throws IOException {
        Path log = config.logFile(c);
        Files.createDirectories(log.getParent());
        Files.createDirectories(config.pidFile(c).getParent());
        Files.createDirectories(workDir);
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString()); // execs in place: the pid stays the java process's pid
        }
        full.addAll(command);
        Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        ProcessHandle handle = p.toHandle();
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(config.pidFile(c), handle.pid() + "\n" + started + "\n");
        return handle;
    }

    /** The live process this run dir started for the component, if any. */
    Optional<ProcessHandle> running(Component c) {
        Path file = config.pidFile(c);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] lines = Files.readString(file).trim().split("\\s+");
            long pid = Long.parseLong(lines[0]);
            long started = lines.length > 1 ? Long.parseLong(lines[1]) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable pid file: nothing we can safely claim as ours
        }
    }

    private static boolean sameStart(ProcessHandle h, long recordedMillis) {
        if (recordedMillis == 0L) {
            return true;
        }
        // start times are read from /proc with clock-tick resolution: allow a little slack
        return h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - recordedMillis) < 2000).orElse(true);
    }

    /** SIGTERM, wait up to the grace period, then SIGKILL; removes the pid file. True if it was running. */
    boolean stop(Component c) {
        Optional<ProcessHandle> h = running(c);
        h.ifPresent(Supervisor::terminate);
        deletePidFile(c);
        return h.isPresent();
    }

    /** Sends SIGTERM to every handle first, then waits for all, so stops overlap. */
    static void terminate(ProcessHandle... handles) {
        for (ProcessHandle h : handles) {
            h.destroy();
        }
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                h.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            }
        }
    }

    void deletePidFile(Component c) {
        try {
            Files.deleteIfExists(config.pidFile(c));
        } catch (IOException ignored) {
            // a stale pid file is re-checked against the live process table next time
        }
    }

    /** The last lines of a component's log, for error messages. */
    String logTail(Component c, int lines) {
        try {
            List<String> all = Files.readAllLines(config.logFile(c));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + config.logFile(c) + ")";
        }
    }
}
