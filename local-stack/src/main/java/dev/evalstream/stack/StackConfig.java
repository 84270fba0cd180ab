package dev.evalstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * What a local stack consists of and where it lives. Immutable; the withers return copies.
 *
 * @param projectDir   the checkout holding local-stack/distributions/target and the services' target dirs
 * @param runDir       data, logs, pids and state of this stack (default project/.evalstream)
 * @param ports        where each component listens
 * @param components   which components up() starts
 * @param readyTimeout how long up() waits for each phase to become ready
 */
public record StackConfig(Path projectDir, Path runDir, Ports ports, Set<Component> components,
                          Duration readyTimeout) {
    private static final String PORTS_FILE = "ports.properties";

    public StackConfig {
        projectDir = projectDir.toAbsolutePath().normalize();
        runDir = runDir.toAbsolutePath().normalize();
        components = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
    }

    /** Every component, default ports, run dir project/.evalstream. */
    public static StackConfig defaults(Path projectDir) {
        return new StackConfig(projectDir, projectDir.resolve(".evalstream"), Ports.defaults(),
                EnumSet.allOf(Component.class), Duration.ofSeconds(120));
    }

    public StackConfig withRunDir(Path dir) {
        return new StackConfig(projectDir, dir, ports, components, readyTimeout);
    }

    public StackConfig withPorts(Ports p) {
        return new StackConfig(projectDir, runDir, p, components, readyTimeout);
    }

    public StackConfig withComponents(Set<Component> c) {
        return new StackConfig(projectDir, runDir, ports, c, readyTimeout);
    }

    public StackConfig withReadyTimeout(Duration t) {
        return new StackConfig(projectDir, runDir, ports, components, t);
    }

    /** The ports a previous up() in this run dir recorded, if any: down/status must use the same. */
    public StackConfig withRecordedPorts() {
        Path file = runDir.resolve(PORTS_FILE);
        if (!Files.isRegularFile(file)) {
            return this;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Ports d = ports;
        return withPorts(new Ports(port(p, "kafka", d.kafka()), port(p, "controller", d.controller()),
                port(p, "registry", d.registry()), port(p, "registry.management", d.registryManagement()),
                port(p, "generator", d.generator()), port(p, "scorer", d.scorer()), port(p, "executor", d.executor())));
    }

    void recordPorts() throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka", Integer.toString(ports.kafka()));
        p.setProperty("controller", Integer.toString(ports.controller()));
        p.setProperty("registry", Integer.toString(ports.registry()));
        p.setProperty("registry.management", Integer.toString(ports.registryManagement()));
        p.setProperty("generator", Integer.toString(ports.generator()));
        p.setProperty("scorer", Integer.toString(ports.scorer()));
        p.setProperty("executor", Integer.toString(ports.executor()));
        Files.createDirectories(runDir);
        try (Writer w = Files.newBufferedWriter(runDir.resolve(PORTS_FILE))) {
            p.store(w, "ports of the local stack in this run dir (written by up)");
        }
    }

    private static int port(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    public String bootstrapServers() {
        return "localhost:" + ports.kafka();
    }

    /** The registry's Confluent-compatible API, what serdes take as schema.registry.url. */
    public String registryUrl() {
        return "http://localhost:" + ports.registry() + "/apis/ccompat/v7";
    }

    public String scorerUrl() {
        return "http://localhost:" + ports.scorer();
    }

    /** The URL whose 200 answer means the component is ready (null for Kafka, checked by Admin). */
    public String healthUrl(Component c) {
        return switch (c) {
            case KAFKA -> null;
            case REGISTRY -> "http://localhost:" + ports.registryManagement() + "/health/ready";
            default -> "http://localhost:" + ports.of(c) + "/q/health/ready";
        };
    }

    public Path logFile(Component c) {
        return runDir.resolve("logs").resolve(c.id() + ".log");
    }

    public Path pidFile(Component c) {
        return runDir.resolve("pids").resolve(c.id() + ".pid");
    }

    public Path stateDir(Component c) {
        return runDir.resolve("state").resolve(c.id());
    }

    public Path kafkaDir() {
        return runDir.resolve("kafka");
    }

    public Path kafkaLib() {
        return projectDir.resolve("local-stack/distributions/target/kafka/lib");
    }

    public Path apicurioJar() {
        return projectDir.resolve("local-stack/distributions/target/apicurio/quarkus-run.jar");
    }

    public Path serviceJar(Component c) {
        return projectDir.resolve(c.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
