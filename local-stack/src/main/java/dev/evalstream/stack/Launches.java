package dev.evalstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How each component is launched: command line, environment and working directory. */
final class Launches {
    /** Apicurio Registry 3.3 is built for Java 21; the broker and our services run on 17. */
    static final int REGISTRY_JAVA = 21;
    static final int DEFAULT_JAVA = 17;

    record Launch(List<String> command, Map<String, String> env, Path workDir) {
    }

    private final StackConfig config;
    private final Jdks jdks;

    Launches(StackConfig config, Jdks jdks) {
        this.config = config;
        this.jdks = jdks;
    }

    /** Fails early, naming the missing file or JDK, before anything is started. */
    void checkPrerequisites() {
        for (Component c : config.components()) {
            Path needed = switch (c) {
                case KAFKA -> config.kafkaLib();
                case REGISTRY -> config.apicurioJar();
                default -> config.serviceJar(c);
            };
            if (!Files.exists(needed)) {
                String module = c.isService() ? c.module() : "local-stack/distributions";
                throw new StackException(StackException.Kind.ENVIRONMENT, c.id() + ": " + needed + " is missing; build it with"
                        + " `mvn -B -q -pl " + module + " -am install -DskipTests` (bin/evalctl does this)");
            }
            java(c);
        }
    }

    Launch of(Component c) throws IOException {
        return switch (c) {
            case KAFKA -> kafka();
            case REGISTRY -> registry();
            default -> service(c);
        };
    }

    private Path java(Component c) {
        return c == Component.REGISTRY
                ? jdks.atLeast(REGISTRY_JAVA, "Apicurio Registry " + "(the local schema registry)").java()
                : jdks.atLeast(DEFAULT_JAVA, "the " + c.id()).java();
    }

    private Launch kafka() throws IOException {
        KafkaBroker broker = new KafkaBroker(config, java(Component.KAFKA));
        broker.prepare();
        return new Launch(broker.command(), Map.of(), config.kafkaDir());
    }

    private Launch registry() {
        Ports p = config.ports();
        List<String> command = new ArrayList<>(List.of(java(Component.REGISTRY).toString(), "-Xms64m", "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + p.registry(),
                // the management interface would otherwise bind 0.0.0.0:9000
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + p.registryManagement()));
        // schemas in a journal topic on our broker, not in memory: they outlive down and up
        command.addAll(RegistryStorage.jvmOptions(config.bootstrapServers()));
        command.addAll(List.of("-jar", config.apicurioJar().toString()));
        return new Launch(List.copyOf(command), Map.of(), config.stateDir(Component.REGISTRY));
    }

    private Launch service(Component c) {
        Path state = config.stateDir(c);
        // C1 only: on 2 cores C2's compiling competed with the sandbox for the first ten runs or so
        // (first HumanEval x10 streaming run 219 -> 261 samples/s, second 268 -> 349); settled, the
        // services cost 0.1-0.2 ms more per sample. The broker keeps C2: its steady state is the larger.
        List<String> command = List.of(java(c).toString(), "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", config.serviceJar(c).toString());
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", config.bootstrapServers(),
                "EVALSTREAM_REGISTRY_URL", config.registryUrl(),
                "QUARKUS_HTTP_PORT", Integer.toString(config.ports().of(c)),
                "EVALSTREAM_STATE_DIR", state.toString(),
                // Kafka Streams (scorer) keeps its stores here rather than in /tmp
                "KAFKA_STREAMS_STATE_DIR", state.resolve("kafka-streams").toString());
        return new Launch(command, env, state);
    }
}
