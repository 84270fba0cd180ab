package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.stack.StackConfig;
import java.io.IOException;
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
    private final ServiceJar jar;

    private ExecutorInstance(ServiceJar jar) {
        this.jar = jar;
    }

    static ExecutorInstance start(StackConfig stack, Path dir, int uidBase) throws IOException {
        return start(stack, dir, uidBase, Map.of());
    }

    /** With these environment variables set as well (e.g. the sandbox's slots and limit). */
    static ExecutorInstance start(StackConfig stack, Path dir, int uidBase, Map<String, String> env) throws IOException {
        int port = ServiceJar.freePort();
        Path work = Files.createDirectories(dir.resolve("executor-" + port));
        Map<String, String> all = new java.util.HashMap<>(env);
        // the stack's executor runs its slots as uids 61000+; two instances must never share a slot's uid
        all.put("EVALSTREAM_EXECUTOR_SANDBOX_UID_BASE", Integer.toString(uidBase));
        all.put("EVALSTREAM_EXECUTOR_INSTANCE_ID", "scale-out-" + port);
        return new ExecutorInstance(ServiceJar.start("second executor", stack, "executor-service", port, work,
                work.resolve("executor.log"), Map.copyOf(all)));
    }

    /** True while GET /q/health answers 200 (every check UP). */
    boolean healthy() {
        return jar.get("/q/health") != null;
    }

    /** True while GET /q/health/live answers 200. */
    boolean live() {
        return jar.get("/q/health/live") != null;
    }

    /** True while GET /q/health/ready answers 200. */
    boolean ready() {
        return jar.get("/q/health/ready") != null;
    }

    String instanceId() {
        return "scale-out-" + jar.port();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        jar.awaitReady(timeout);
    }

    /** GET /status of this instance, or null while it does not answer 200. */
    JsonNode status() {
        String body = jar.get("/status");
        return body == null ? null : Json.parse(body);
    }

    /** SIGKILL, no shutdown hooks: samples in flight are neither published nor committed. */
    void kill() throws InterruptedException {
        Process process = jar.process();
        List<ProcessHandle> sandbox = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        sandbox.forEach(ProcessHandle::destroyForcibly); // its sandbox servers, which no one reaps now
    }

    Path log() {
        return jar.log();
    }

    @Override
    public void close() {
        jar.stop();
    }
}
