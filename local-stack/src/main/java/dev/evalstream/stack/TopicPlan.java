package dev.evalstream.stack;

import dev.evalstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of the local stack and the Admin calls that create them. Every topic has the same
 * partition count so Kafka Streams can join any two of them without repartitioning; the
 * latest-value topics (Topics.COMPACTED) are compacted.
 */
public final class TopicPlan {
    public static final int PARTITIONS = 4;
    private static final short REPLICATION = 1;

    private TopicPlan() {
    }

    public static List<NewTopic> topics() {
        List<NewTopic> all = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic t = new NewTopic(name, PARTITIONS, REPLICATION);
            if (Topics.COMPACTED.contains(name)) {
                t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            all.add(t);
        }
        return all;
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
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics().stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // a concurrent up() may have created some meanwhile: that is the outcome we want
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
        return missing.stream().map(NewTopic::name).toList();
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
