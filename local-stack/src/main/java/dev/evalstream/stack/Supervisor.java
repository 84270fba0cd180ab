package dev.evalstream.stack;

import dev.evalstream.stack.process.Daemons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stack's components as daemons: one pid file and one log file each, in the run dir. */
final class Supervisor {
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final StackConfig config;

    Supervisor(StackConfig config) {
        this.config = config;
    }

    ProcessHandle start(Component c, List<String> command, Map<String, String> env, Path workDir) throws IOException {
        return Daemons.start(command, env, workDir, config.logFile(c), config.pidFile(c));
    }

    /** The live process this run dir started for the component, if any. */
    Optional<ProcessHandle> running(Component c) {
        return Daemons.running(config.pidFile(c));
    }

    /** Stops the component (TERM, grace, KILL) and removes its pid file. True if it was running. */
    boolean stop(Component c) {
        Optional<ProcessHandle> h = running(c);
        Daemons.stop(GRACE, h.stream().toList());
        deletePidFile(c);
        return h.isPresent();
    }

    /** Stops several at once: all get SIGTERM before any is waited for. */
    static void terminate(List<ProcessHandle> handles) {
        Daemons.stop(GRACE, handles);
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
