package dev.evalstream.it;

import dev.evalstream.stack.StackConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more packaged service (module/target/quarkus-app/quarkus-run.jar) as its own process on
 * the test stack's broker and registry, beside the stack's own instance: the tests that scale
 * a service out start it, wait for it, and stop it with this one piece of code.
 */
public final class ServiceJar {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceJar(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A loopback port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts the module's jar in workDir on the given HTTP port, logging to log, with the
     * stack's broker and registry and the extra environment the instance needs.
     */
    public static ServiceJar start(String name, StackConfig stack, String module, int port, Path workDir, Path log,
                                   Map<String, String> extraEnv) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-jar",
                stack.projectDir().resolve(module + "/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("KAFKA_STREAMS_STATE_DIR"); // never share a state dir inherited from the test JVM
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("EVALSTREAM_REGISTRY_URL", stack.registryUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(extraEnv);
        return new ServiceJar(name, pb.start(), port, log);
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Waits for /q/health/ready; fails at once, naming the log, if the process exits first. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; log " + log);
            }
            if (get("/q/health/ready") != null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready in " + timeout + "; log " + log);
    }

    /** The body of a 200 answer to GET path, or null while the instance does not answer 200. */
    public String get(String path) {
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

    /** SIGTERM, SIGKILL after 30 s, then whatever it started and left behind (sandbox servers). */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
