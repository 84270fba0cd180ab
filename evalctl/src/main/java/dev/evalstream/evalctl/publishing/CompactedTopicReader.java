package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The current table of a compacted topic (the dataset catalog, the plans): a plain group-less
 * consumer assigned every partition, from the beginning up to the end offsets seen at start,
 * the latest value per key winning and a tombstone removing its key. Bounded by a timeout.
 * A record that is not a valid value of the type (someone else's bytes) binds nothing: it is
 * skipped and named in {@link #skipped()}, so one bad record cannot make the catalog unreadable.
 */
public final class CompactedTopicReader {
    private final String bootstrap;
    private final String registryUrl;
    private final List<String> skipped = new ArrayList<>();

    public CompactedTopicReader(String bootstrapServers, String registryUrl) {
        this.bootstrap = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Key to latest value, in the order keys were first seen. A topic that does not exist yet is empty. */
    public <T extends SpecificRecord> Map<String, T> read(String topic, Class<T> type, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "evalctl-catalog");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, Math.max(1_000, timeout.toMillis())));
        AvroCodec<T> codec = AvroCodec.forValues(type, registryUrl);
        Map<String, T> table = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            if (partitions.isEmpty()) {
                return table;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw EvalctlException.timeout("reading " + topic + " did not reach its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    if (r.value() == null) {
                        table.remove(r.key());
                    } else {
                        try {
                            table.put(r.key(), codec.decode(topic, r.value()));
                        } catch (AvroCodec.CodecException e) {
                            skipped.add(topic + " " + r.partition() + "@" + r.offset() + " (key " + r.key() + "): " + e.getMessage());
                        }
                    }
                }
            }
        } catch (RegistryClient.RegistryException e) {
            throw EvalctlException.unavailable("cannot decode " + topic + ": schema registry " + registryUrl + ": " + e.getMessage());
        } catch (KafkaException e) {
            throw EvalctlException.unavailable("cannot read " + topic + " from " + bootstrap + ": " + e.getMessage()
                    + "; is the stack up? try: evalctl status");
        }
        return table;
    }

    /** The records the last reads skipped as undecodable, each with where it is and why. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
