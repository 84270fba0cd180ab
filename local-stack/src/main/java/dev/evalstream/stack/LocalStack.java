package dev.evalstream.stack;

import dev.evalstream.schemas.serde.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local stack as an API: up() starts what is not yet running and returns when every
 * component is ready; down() stops exactly what up() started in this run dir and keeps its data
 * (Kafka's log dirs, which also hold the registry's schemas, and the services' state); purge()
 * stops it and discards the data; status() reports. Used by evalctl up/down/status/demo and by
 * the integration tests (own run dir, free ports).
 */
public final class LocalStack {
    private final StackConfig config;
    private final Supervisor supervisor;
    private Consumer<String> progress = line -> { };

    public LocalStack(StackConfig config) {
        this.config = config;
        this.supervisor = new Supervisor(config);
    }

    public StackConfig config() {
        return config;
    }

    /** Where up() reports what it is doing (one line per step); silent by default. */
    public LocalStack onProgress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Starts the configured components that are not running; idempotent. Returns once all are ready.
     * Kafka comes first (the registry keeps its schemas in it), then the registry; then, before
     * any service reads a record, the kept records are checked against the registry: if it lost
     * schemas they still use, everything this run dir runs is stopped (the data is left as it is)
     * and a StackException of kind DATA_LOST says which topic, which id and what to do.
     */
    public StackStatus up() {
        Launches launches = new Launches(config, Jdks.discover());
        launches.checkPrerequisites();
        try {
            config.recordPorts();
            for (Component c : Component.INFRASTRUCTURE) {
                if (config.components().contains(c)) {
                    startAndAwait(List.of(c), launches);
                }
            }
            if (config.components().contains(Component.REGISTRY)) {
                checkKeptSchemas();
            }
            startAndAwait(Component.SERVICES.stream().filter(config.components()::contains).toList(), launches);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status();
    }

    private void checkKeptSchemas() {
        try {
            new KeptSchemas(config).verify();
        } catch (StackException e) {
            if (e.kind() == StackException.Kind.DATA_LOST) {
                stopAll(); // nothing may register new schemas (with the lost ids) or read the records meanwhile
            }
            throw e;
        }
        progress.accept("checked the kept records' schema ids against the registry");
    }

    /** One phase: launch everything not yet running, then wait for all of it, then run after-ready steps. */
    private void startAndAwait(List<Component> phase, Launches launches) throws IOException {
        Map<Component, Boolean> startedNow = new EnumMap<>(Component.class);
        for (Component c : phase) {
            if (supervisor.running(c).isPresent()) {
                startedNow.put(c, false);
                continue;
            }
            supervisor.deletePidFile(c);
            int port = config.ports().of(c);
            if (!Probes.portFree(port)) {
                throw new StackException(StackException.Kind.ENVIRONMENT, c.id() + ": port " + port + " is in use by a process"
                        + " this run dir (" + config.runDir() + ") did not start; stop it or choose other ports");
            }
            Launches.Launch launch = launches.of(c);
            ProcessHandle h = supervisor.start(c, launch.command(), launch.env(), launch.workDir());
            progress.accept("started " + c.id() + " (pid " + h.pid() + ", log " + config.logFile(c) + ")");
            startedNow.put(c, true);
        }
        Readiness readiness = new Readiness(config, supervisor);
        for (Component c : phase) {
            readiness.await(c, config.readyTimeout());
            afterReady(c);
            progress.accept(c.id() + " ready" + (startedNow.get(c) ? "" : " (already running)"));
        }
    }

    private void afterReady(Component c) {
        if (c == Component.KAFKA) {
            try (Admin admin = TopicPlan.admin(config.bootstrapServers())) {
                List<String> created = TopicPlan.createMissing(admin, Duration.ofSeconds(30));
                new Readiness(config, supervisor).awaitCondition(c, () -> TopicPlan.allLed(admin), Duration.ofSeconds(30));
                if (!created.isEmpty()) {
                    progress.accept("created topics " + String.join(", ", created));
                }
            } catch (StackException e) {
                throw e;
            } catch (Exception e) {
                throw new StackException(StackException.Kind.UNAVAILABLE, "kafka: creating topics failed: " + e.getMessage(), e);
            }
        } else if (c == Component.REGISTRY) {
            // schema changes must keep old events readable by new consumers
            new RegistryClient(config.registryUrl()).setGlobalCompatibility("BACKWARD");
        }
    }

    /**
     * Stops one component (TERM, grace, KILL) and keeps its data: the broker's log dirs, the
     * registry's storage and the services' state stay, so up() starts it again where it left off.
     * True if it was running.
     */
    public boolean stop(Component c) {
        return supervisor.stop(c);
    }

    /**
     * Stops what this run dir started, services first so they can still flush to Kafka, and keeps
     * the stack's data: the next up() starts where this one left off, with the same records,
     * schemas (and schema ids), offsets and service state.
     */
    public List<Component> down() {
        return stopAll();
    }

    /**
     * Stops like down(), then discards the stack's data: Kafka's log dirs (the event topics and
     * the registry's journal) and the services' state. Logs and the recorded ports stay. The
     * next up() starts an empty stack.
     */
    public List<Component> purge() {
        List<Component> stopped = stopAll();
        List<Component> still = Stream.of(Component.values()).filter(c -> supervisor.running(c).isPresent()).toList();
        if (!still.isEmpty()) {
            throw new StackException(StackException.Kind.UNAVAILABLE, "not purging " + config.runDir() + ": "
                    + still.stream().map(Component::id).toList() + " still running after the stop");
        }
        deleteTree(config.kafkaDir());
        deleteTree(config.runDir().resolve("state"));
        return stopped;
    }

    private List<Component> stopAll() {
        List<Component> stopped = new ArrayList<>();
        List<Component> reverse = new ArrayList<>(List.of(Component.values()));
        java.util.Collections.reverse(reverse);
        List<Component> services = reverse.stream().filter(Component::isService).toList();
        // the registry before Kafka: it writes to its journal until it stops
        List<Component> registry = List.of(Component.REGISTRY);
        List<Component> kafka = List.of(Component.KAFKA);
        for (List<Component> phase : List.of(services, registry, kafka)) {
            List<ProcessHandle> handles = new ArrayList<>();
            for (Component c : phase) {
                Optional<ProcessHandle> h = supervisor.running(c);
                h.ifPresent(handles::add);
                h.ifPresent(x -> stopped.add(c));
                supervisor.deletePidFile(c);
            }
            Supervisor.terminate(handles);
        }
        return stopped;
    }

    /** Which components run (started from this run dir) and whether each answers its readiness check. */
    public StackStatus status() {
        List<ComponentStatus> all = new ArrayList<>();
        for (Component c : Component.values()) {
            Optional<ProcessHandle> h = supervisor.running(c);
            long pid = h.map(ProcessHandle::pid).orElse(-1L);
            boolean ready = h.isPresent() && Readiness.readyNow(config, c);
            String url = c == Component.KAFKA ? config.bootstrapServers()
                    : c == Component.REGISTRY ? config.registryUrl() : "http://localhost:" + config.ports().of(c);
            all.add(new ComponentStatus(c, pid, ready, config.ports().of(c), h.isPresent() ? Probes.rssKiB(pid) : -1, url));
        }
        return new StackStatus(all);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
