package dev.evalstream.stack.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool (a storage format, a version probe) to its end or its timeout. Its
 * output is drained while it runs, so a chatty tool cannot block on a full pipe and the timeout
 * really fires; whatever is still alive of its process tree is destroyed in finally. A child
 * the tool leaves behind when it exits on its own is out of reach (it has been reparented);
 * the tools run here (a storage format, java -version) leave none.
 */
public final class ToolRun {
    /** Output kept per run; a tool that prints more keeps only its last bytes. */
    static final int OUTPUT_CAP = 64 * 1024;
    private static final Duration REAP = Duration.ofSeconds(5);

    /**
     * How a run ended.
     *
     * @param exitCode the tool's exit status, -1 when it timed out
     * @param output   stdout and stderr interleaved, at most OUTPUT_CAP bytes (the last ones)
     */
    public record Result(List<String> command, int exitCode, boolean timedOut, String output) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** The last non-blank line of the output, for one-line error messages. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private ToolRun() {
    }

    /** Runs the command with stdin closed, waiting at most the timeout. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Tail tail = new Tail(p.getInputStream());
        Thread drain = new Thread(tail, "drain " + command.get(0));
        drain.setDaemon(true);
        drain.start();
        try {
            boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                // the tool is done; a child of it may still hold the pipe, so the join is bounded
                drain.join(REAP.toMillis());
            }
            return new Result(List.copyOf(command), exited ? p.exitValue() : -1, !exited, tail.text());
        } finally {
            destroyTree(p);
            drain.join(REAP.toMillis());
        }
    }

    /** Kills the process and every descendant it still has, and waits (bounded) until they are gone. */
    static void destroyTree(Process p) {
        // descendants first, listed while the root still lives: once it dies they are reparented
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(REAP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // SIGKILL was sent; a process stuck in the kernel is beyond our reach
            }
        }
    }

    /** Reads a stream to its end, keeping the last OUTPUT_CAP bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    append(buf, n);
                }
            } catch (IOException e) {
                // the pipe closed under us when the tree was destroyed: keep what we have
            }
        }

        private synchronized void append(byte[] buf, int n) {
            kept.write(buf, 0, n);
            if (kept.size() > 2 * OUTPUT_CAP) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - OUTPUT_CAP, OUTPUT_CAP);
            }
        }

        synchronized String text() {
            byte[] all = kept.toByteArray();
            int from = Math.max(0, all.length - OUTPUT_CAP);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
