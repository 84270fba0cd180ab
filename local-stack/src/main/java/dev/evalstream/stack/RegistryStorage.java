package dev.evalstream.stack;

import java.util.List;

/**
 * Where the local stack's Apicurio Registry keeps its schemas: Apicurio's KafkaSQL storage, a
 * journal topic on the stack's own broker that the registry replays into its in-memory cache at
 * every start. Schemas therefore live beside the records that name them, survive down and up
 * with their ids unchanged (ids are assigned in journal order, which replays identically), and
 * go with Kafka's data on down --purge. The registry creates these topics itself (infinite
 * retention, cleanup.policy=delete). They are the registry's, not events: their names are
 * spelled here, not in schemas' Topics, and never collide with the evalstream.* topics.
 * docker-compose.yml's registry uses the same names.
 */
public final class RegistryStorage {
    /** Every write to the registry, in order: the storage itself. */
    public static final String JOURNAL_TOPIC = "evalstream-registry-journal";
    /** Snapshots of the journal (written only when asked for; none by default). */
    public static final String SNAPSHOTS_TOPIC = "evalstream-registry-snapshots";
    /** Change events Apicurio can publish; created at start, unused here. */
    public static final String EVENTS_TOPIC = "evalstream-registry-events";

    public static final List<String> TOPICS = List.of(JOURNAL_TOPIC, SNAPSHOTS_TOPIC, EVENTS_TOPIC);

    private RegistryStorage() {
    }

    /** The registry's JVM options for this storage on the given broker. */
    static List<String> jvmOptions(String bootstrapServers) {
        return List.of(
                "-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + bootstrapServers,
                "-Dapicurio.kafkasql.topic=" + JOURNAL_TOPIC,
                "-Dapicurio.kafkasql.snapshots.topic=" + SNAPSHOTS_TOPIC,
                "-Dapicurio.events.kafka.topic=" + EVENTS_TOPIC,
                // at start Apicurio reads the journal and the snapshots topic until a poll comes back
                // empty: its default 5 s poll made every start wait for that twice (about 10 s
                // measured); replaying is not slower with 0.5 s, an idle consumer only wakes up more often
                "-Dapicurio.kafkasql.consumer.poll.timeout=500");
    }
}
