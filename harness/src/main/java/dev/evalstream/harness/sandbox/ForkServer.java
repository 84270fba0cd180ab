package dev.evalstream.harness.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running worker.py process (inside its bubblewrap sandbox) and the pipe protocol to it:
 * a 4-byte length + JSON request in, one JSON line out. A watchdog kills the process if an answer
 * is overdue, which turns into an IOException here and an ERROR verdict upstream.
 */
final class ForkServer implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final long START_TIMEOUT_MS = 15_000;
    private static final long ANSWER_SLACK_MS = 10_000;

    private final Process process;
    private final DataOutputStream in;
    private final BufferedReader out;
    private final Path log;
    private final ScheduledExecutorService watchdog;

    private ForkServer(Process process, Path log, ScheduledExecutorService watchdog) {
        this.process = process;
        this.in = new DataOutputStream(process.getOutputStream());
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.log = log;
        this.watchdog = watchdog;
    }

    /** Starts the server and waits for its ready line. */
    static ForkServer start(List<String> command, Path log, ScheduledExecutorService watchdog) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .directory(new File("/"));
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
        ForkServer server = new ForkServer(pb.start(), log, watchdog);
        try {
            JsonNode ready = server.answer(START_TIMEOUT_MS);
            if (!ready.path("ready").asBoolean()) {
                throw new IOException("unexpected greeting " + ready);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("fork server did not start: " + e.getMessage() + server.logTail(), e);
        }
    }

    /**
     * Runs one sample: `program` in the sample's process, `judgeSpec` (the test, proven design
     * only) read by the judge straight from the pipe, never by the server. IOException means the
     * server failed (not the sample).
     */
    WorkerReport run(String program, byte[] judgeSpec, long timeoutMs) throws IOException {
        byte[] request = JSON.writeValueAsBytes(Map.of("program", program, "timeout_ms", timeoutMs,
                "judge_len", judgeSpec.length));
        in.writeInt(request.length);
        in.write(request);
        in.write(judgeSpec);
        in.flush();
        JsonNode a = answer(timeoutMs + SandboxCommand.graceMs(timeoutMs) + ANSWER_SLACK_MS);
        return new WorkerReport(a.path("report").isNull() ? null : a.path("report").asText(null),
                a.path("detail").asText(""), a.path("judged").asBoolean(false),
                a.path("proven").asBoolean(false), a.path("violations").asInt(0),
                a.path("exit_code").isIntegralNumber() ? a.path("exit_code").asInt() : null,
                a.path("deadline").asBoolean(false), a.path("ms").asDouble(0), a.path("clean").asBoolean(false),
                a.path("output").asText(""), a.get("sets"));
    }

    private JsonNode answer(long withinMs) throws IOException {
        ScheduledFuture<?> kill = watchdog.schedule(process::destroyForcibly, withinMs, TimeUnit.MILLISECONDS);
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("fork server exited (" + exitStatus() + ")" + logTail());
            }
            return JSON.readTree(line);
        } finally {
            kill.cancel(false);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    private String exitStatus() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? "status " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.isBlank() ? "" : "; stderr: " + text.substring(Math.max(0, text.length() - 2000)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Closing stdin ends the server; bubblewrap then tears the namespace down. Reaps always. */
    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
