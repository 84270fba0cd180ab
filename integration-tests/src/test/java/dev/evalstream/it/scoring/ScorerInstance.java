package dev.evalstream.it.scoring;

import dev.evalstream.it.ServiceJar;
import dev.evalstream.stack.StackConfig;
import java.io.IOException;
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
    private final ServiceJar jar;
    private final String bootstrap;

    private ScorerInstance(ServiceJar jar, String bootstrap) {
        this.jar = jar;
        this.bootstrap = bootstrap;
    }

    public static ScorerInstance start(StackConfig stack, Path dir) throws IOException {
        int port = ServiceJar.freePort();
        ServiceJar jar = ServiceJar.start("second scorer", stack, "scoring-service", port, dir,
                dir.resolve("scorer-" + port + ".log"), Map.of(
                        "EVALSTREAM_SCORER_HOST", "localhost",
                        "EVALSTREAM_SCORER_STATE_DIR", dir.resolve("scorer-" + port + "-state").toString()));
        return new ScorerInstance(jar, stack.bootstrapServers());
    }

    public ScorerHttp http() {
        return new ScorerHttp("http://localhost:" + jar.port());
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        jar.awaitReady(timeout);
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
        jar.stop();
        // static members do not leave on shutdown: remove this instance's (one per stream thread)
        String prefix = "evalstream-scorer-localhost-" + jar.port();
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
}
