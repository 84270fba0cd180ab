package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.evalctl.stack.StackConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more executor process (the packaged jar) joining the stack's executor group, on its own
 * HTTP port and sandbox uids. kill() is a SIGKILL to it and to its sandbox processes;
 * close() stops whatever is still running.
 */
final class ExecutorInstance implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ExecutorInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ExecutorInstance start(StackConfig stack, Path dir, int uidBase) throws IOException {
        int port = freePort();
        Path work = Files.createDirectories(dir.resolve("executor-" + port));
        Path log = work.resolve("executor.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-jar",
                stack.projectDir().resolve("executor-service/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("EVALSTREAM_REGISTRY_URL", stack.registryUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // the stack's executor runs its slots as uids 61000+; two instances must never share a slot's uid
        env.put("EVALSTREAM_EXECUTOR_SANDBOX_UID_BASE", Integer.toString(uidBase));
        env.put("EVALSTREAM_EXECUTOR_INSTANCE_ID", "scale-out-" + port);
        return new ExecutorInstance(pb.start(), port, log);
    }

    String instanceId() {
        return "scale-out-" + port;
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("second executor exited with " + process.exitValue() + "; log " + log);
            }
            if (get("/q/health/ready") != null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("second executor not ready in " + timeout + "; log " + log);
    }

    /** GET /status of this instance, or null while it does not answer 200. */
    JsonNode status() {
        String body = get("/status");
        return body == null ? null : Json.parse(body);
    }

    private String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGKILL, no shutdown hooks: samples in flight are neither published nor committed. */
    void kill() throws InterruptedException {
        List<ProcessHandle> sandbox = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        sandbox.forEach(ProcessHandle::destroyForcibly); // its sandbox servers, which no one reaps now
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            List<ProcessHandle> sandbox = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            sandbox.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
