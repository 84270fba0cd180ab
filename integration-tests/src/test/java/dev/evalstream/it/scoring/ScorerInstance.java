package dev.evalstream.it.scoring;

import dev.evalstream.evalctl.stack.StackConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;

/**
 * One more scorer process (the packaged jar) joining the stack's scorer group on its own port
 * and state dir. close() stops it and removes its static members from the group at once, so
 * the stack's own scorer takes its partitions back without waiting out the session timeout.
 */
public final class ScorerInstance implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String bootstrap;
    private final Path log;

    private ScorerInstance(Process process, int port, String bootstrap, Path log) {
        this.process = process;
        this.port = port;
        this.bootstrap = bootstrap;
        this.log = log;
    }

    public static ScorerInstance start(StackConfig stack, Path dir) throws IOException {
        int port = freePort();
        Path log = dir.resolve("scorer-" + port + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-jar",
                stack.projectDir().resolve("scoring-service/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("KAFKA_STREAMS_STATE_DIR");
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("EVALSTREAM_REGISTRY_URL", stack.registryUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("EVALSTREAM_SCORER_HOST", "localhost");
        env.put("EVALSTREAM_SCORER_STATE_DIR", dir.resolve("scorer-" + port + "-state").toString());
        return new ScorerInstance(pb.start(), port, stack.bootstrapServers(), log);
    }

    public ScorerHttp http() {
        return new ScorerHttp("http://localhost:" + port);
    }

    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("second scorer exited with " + process.exitValue() + "; log " + log);
            }
            if (http().ready()) {
                return;
            }
            ScorerHttp.sleep(250);
        }
        throw new AssertionError("second scorer not ready in " + timeout + "; log " + log);
    }

    /** The scorer group's members, each with the topics of the partitions assigned to it. */
    public static Collection<MemberDescription> members(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(ResultsFeed.SCORER_GROUP))
                    .describedGroups().get(ResultsFeed.SCORER_GROUP).get(10, TimeUnit.SECONDS);
            return d.members();
        } catch (Exception e) {
            return List.of();
        }
    }

    @Override
    public void close() {
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
        // static members do not leave on shutdown: remove this instance's (one per stream thread)
        String prefix = "evalstream-scorer-localhost-" + port;
        List<MemberToRemove> ours = new ArrayList<>();
        for (MemberDescription m : members(bootstrap)) {
            m.groupInstanceId().filter(id -> id.startsWith(prefix)).ifPresent(id -> ours.add(new MemberToRemove(id)));
        }
        if (!ours.isEmpty()) {
            try (Admin admin = admin(bootstrap)) {
                admin.removeMembersFromConsumerGroup(ResultsFeed.SCORER_GROUP, new RemoveMembersFromConsumerGroupOptions(ours))
                        .all().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone (it left on its own): nothing to hand back
            }
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
