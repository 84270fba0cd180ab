package dev.evalstream.stack;

import dev.evalstream.stack.process.ToolRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A single-node KRaft broker (broker and controller in one process) run from the jars that
 * local-stack/distributions copies out of Maven Central. Writes its configuration into the run
 * dir and formats the storage once per data dir.
 */
final class KafkaBroker {
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final StackConfig config;
    private final Path java;

    KafkaBroker(StackConfig config, Path java) {
        this.config = config;
        this.java = java;
    }

    Path dataDir() {
        return config.kafkaDir().resolve("data");
    }

    /** Writes server.properties and log4j2.properties; formats storage if the data dir is new. */
    void prepare() throws IOException {
        if (!Files.isDirectory(config.kafkaLib())) {
            throw new StackException(StackException.Kind.ENVIRONMENT, "Kafka jars missing at " + config.kafkaLib()
                    + ": build them with `mvn -B -q -pl local-stack/distributions install` (bin/evalctl does this)");
        }
        Path dir = config.kafkaDir();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.properties"), serverProperties());
        Files.writeString(dir.resolve("log4j2.properties"), LOG4J2);
        if (!Files.isRegularFile(dataDir().resolve("meta.properties"))) {
            format();
        }
    }

    List<String> command() {
        Path dir = config.kafkaDir();
        return List.of(java.toString(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", config.kafkaLib() + "/*", "kafka.Kafka", dir.resolve("server.properties").toString());
    }

    private String serverProperties() {
        Ports p = config.ports();
        return String.join("\n",
                "# written by LocalStack on every up; edits are overwritten",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + p.controller(),
                "listeners=PLAINTEXT://localhost:" + p.kafka() + ",CONTROLLER://localhost:" + p.controller(),
                "advertised.listeners=PLAINTEXT://localhost:" + p.kafka(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir(),
                // one node: internal topics cannot have the default replication factor of 3
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // nobody waits for more members on a laptop: groups form at once
                "group.initial.rebalance.delay.ms=0",
                // topics come from LocalStack with the intended partitions and cleanup policies
                "auto.create.topics.enable=false",
                "num.partitions=4",
                "");
    }

    private void format() throws IOException {
        Path dir = config.kafkaDir();
        String clusterId = randomClusterId();
        Files.writeString(dir.resolve("cluster.id"), clusterId + "\n");
        List<String> command = List.of(java.toString(), "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", config.kafkaLib() + "/*", "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", dir.resolve("server.properties").toString());
        try {
            ToolRun.Result r = ToolRun.run(command, FORMAT_TIMEOUT);
            if (!r.ok()) {
                throw new StackException(StackException.Kind.ENVIRONMENT, "formatting Kafka storage in " + dataDir()
                        + (r.timedOut() ? " took over " + FORMAT_TIMEOUT.toSeconds() + " s" : " failed")
                        + ": " + r.lastLine());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackException.Kind.INTERRUPTED, "interrupted while formatting Kafka storage");
        }
    }

    /**
     * Kafka cluster ids are 16 random bytes in URL-safe base64 without padding (what StorageTool
     * random-uuid prints). Like Kafka's own Uuid, never one starting with '-': the tool's
     * argument parser would take it for an option.
     */
    static String randomClusterId() {
        while (true) {
            UUID u = UUID.randomUUID();
            ByteBuffer b = ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Broker log: INFO overall so "Kafka Server started" is visible, the chatty parts at WARN. */
    private static final String LOG4J2 = String.join("\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=OUT",
            "appender.out.type=Console",
            "appender.out.name=OUT",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=[%d] %p %m (%c)%n",
            "logger.controller.name=org.apache.kafka.controller",
            "logger.controller.level=WARN",
            "logger.config.name=org.apache.kafka.common.config",
            "logger.config.level=WARN",
            "logger.state.name=state.change.logger",
            "logger.state.level=WARN",
            "logger.log.name=kafka.log",
            "logger.log.level=WARN",
            "");
}
