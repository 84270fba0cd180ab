package dev.evalstream.stack;

import dev.evalstream.schemas.TopicSetup;
import dev.evalstream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The topics of the local stack (schemas' {@link TopicSetup} plan, which docker-compose uses too,
 * with this stack's partition count) and the Admin calls that create and check them.
 */
public final class TopicPlan {
    public static final int PARTITIONS = 4;
    private static final short REPLICATION = 1;

    private TopicPlan() {
    }

    /** The plan: schemas' TopicSetup with this stack's partition count, one replica. */
    public static List<NewTopic> topics() {
        return TopicSetup.plan(PARTITIONS, REPLICATION);
    }

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    /** One metadata round trip: true when the broker answers with at least one live node. */
    static boolean brokerAnswers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates the missing topics and returns their names; existing ones are left as they are. */
    static List<String> createMissing(Admin admin, Duration timeout) throws Exception {
        return TopicSetup.createMissing(admin, topics(), timeout);
    }

    /** True when every topic of the plan exists and each of its partitions has a leader. */
    static boolean allLed(Admin admin) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(Topics.ALL).allTopicNames().get(5, TimeUnit.SECONDS);
            return d.size() == Topics.ALL.size() && d.values().stream()
                    .allMatch(t -> !t.partitions().isEmpty()
                            && t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
