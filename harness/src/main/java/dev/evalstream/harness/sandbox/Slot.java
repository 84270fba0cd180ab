package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

/**
 * One slot: its cgroups, uid and warm fork server, running one sample at a time. A server
 * that fails, or that could not prove the slot clean after a sample, is replaced before the
 * next sample; infrastructure faults are retried a bounded number of times on a fresh server,
 * then answered ERROR. This is the one retry layer for sandbox faults: `check` and the executor
 * alike get it, and neither retries on top.
 */
final class Slot implements AutoCloseable {
    private final int index;
    private final List<String> command;
    private final Path log;
    private final ScheduledExecutorService watchdog;
    private final SlotCgroup cgroup;
    private final int retries;
    private ForkServer server;

    Slot(int index, List<String> command, Path log, ScheduledExecutorService watchdog, SlotCgroup cgroup, int retries) {
        this.index = index;
        this.command = command;
        this.log = log;
        this.watchdog = watchdog;
        this.cgroup = cgroup;
        this.retries = retries;
    }

    void start() throws IOException {
        server = ForkServer.start(command, log, watchdog);
    }

    Verdict run(String program, byte[] judgeSpec, long timeoutMs) {
        return run(program, judgeSpec, timeoutMs, VerdictRules::judge);
    }

    /** As above, with the rules that turn the server's report into a verdict (evalplus problems have their own). */
    Verdict run(String program, byte[] judgeSpec, long timeoutMs, BiFunction<WorkerReport, Long, Verdict> rules) {
        String fault = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                if (server == null || !server.alive()) {
                    stopServer();
                    start();
                }
                WorkerReport report = server.run(program, judgeSpec, timeoutMs);
                if (!report.clean()) {
                    stopServer(); // leftovers could touch the next sample: start afresh
                }
                Verdict verdict = rules.apply(report, timeoutMs);
                if (verdict.kind() != Verdict.Kind.ERROR) {
                    return verdict.onAttempt(attempt + 1);
                }
                fault = verdict.detail();
            } catch (IOException | RuntimeException e) {
                fault = e.getMessage();
                stopServer();
            }
        }
        return new Verdict(Verdict.Kind.ERROR, "slot " + index + " failed " + (retries + 1) + " times: " + fault, 0, timeoutMs,
                retries + 1);
    }

    private void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }
}
