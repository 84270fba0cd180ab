package dev.evalstream.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Long-running processes that outlive the JVM that started them: each one detached in its own
 * session, output appended to a log file, and recorded in a pid file (pid and start time, so a
 * recycled pid is never mistaken for ours). Stopping is bounded: TERM, wait, KILL.
 */
public final class Daemons {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private Daemons() {
    }

    /** Starts the command so that Ctrl-C on the caller does not reach it, and records its pid. */
    public static ProcessHandle start(List<String> command, Map<String, String> env, Path workDir, Path log,
                                      Path pidFile) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(workDir);
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString()); // execs in place: the pid stays the command's pid
        }
        full.addAll(command);
        Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        ProcessHandle handle = pb.start().toHandle();
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(pidFile, handle.pid() + "\n" + started + "\n");
        return handle;
    }

    /** The live process the pid file names, if it is still the one that was recorded. */
    public static Optional<ProcessHandle> running(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] lines = Files.readString(pidFile).trim().split("\\s+");
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

    /** SIGTERM to every handle first, so stops overlap; then waits up to the grace for each, else SIGKILL. */
    public static void stop(Duration grace, List<ProcessHandle> handles) {
        handles.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : handles) {
            if (!exited(h, grace)) {
                h.destroyForcibly();
                exited(h, KILL_WAIT); // a process stuck in the kernel is beyond our reach: do not wait forever
            }
        }
    }

    private static boolean exited(ProcessHandle h, Duration wait) {
        try {
            h.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
