package dev.evalstream.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The event topics as a broker should hold them: every Topics name, the latest-value ones
 * (Topics.COMPACTED) compacted, all with one partition count so Kafka Streams can join any two
 * without repartitioning. docker-compose runs {@link #main} once before the services, which
 * never create topics themselves.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    public static List<NewTopic> plan(int partitions, short replication) {
        return Topics.ALL.stream().map(name -> {
            NewTopic t = new NewTopic(name, partitions, replication);
            return Topics.COMPACTED.contains(name)
                    ? t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                    : t;
        }).toList();
    }

    /** Creates the topics of the plan the broker lacks and returns their names; existing ones are left as they are. */
    public static List<String> createMissing(Admin admin, List<NewTopic> plan, Duration timeout) throws Exception {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = plan.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // created meanwhile by another setup: the outcome we want
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return missing.stream().map(NewTopic::name).toList();
    }

    /** Arguments: bootstrap servers, partitions, optionally replication (1). Fails (exit 1) if the broker cannot be reached. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: TopicSetup BOOTSTRAP_SERVERS PARTITIONS [REPLICATION]");
        }
        short replication = args.length > 2 ? Short.parseShort(args[2]) : 1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<String> created = createMissing(admin, plan(Integer.parseInt(args[1]), replication), Duration.ofSeconds(60));
            System.out.println("topics created: " + created + "; all present: " + Topics.ALL);
        }
    }
}
