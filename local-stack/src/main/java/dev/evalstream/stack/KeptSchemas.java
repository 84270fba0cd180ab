package dev.evalstream.stack;

import dev.evalstream.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks, before any service starts, that the registry still holds the schemas that the records
 * kept in Kafka were written with. Records name their writer schema by id (Confluent's wire
 * format: magic byte 0, a 4-byte id); a registry whose storage was lost hands out ids from 1
 * again, so decoding kept records against it would read them with whatever schema now has
 * their id. The check reads the last few records of every partition of every event topic.
 * It refuses when a record's id is unknown to the registry and so is the subject of its topic
 * (topic-value, where our serializer registers every schema it writes with): the registry
 * knows nothing of that topic, while the topic holds records that were written through a
 * registry. A record with an unknown id on a topic whose subject the registry knows is a bad
 * record (hostile bytes, a foreign producer); the services dead-letter it, and it never stops
 * the stack.
 */
final class KeptSchemas {
    /** Records read from the end of each partition: the newest ones show which ids are in use. */
    static final int TAIL = 16;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final byte MAGIC = 0;

    /** A kept record that names a schema the registry does not have, on a topic it knows nothing of. */
    record Lost(String topic, int partition, long offset, int schemaId) {
    }

    private final StackConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeptSchemas(StackConfig config) {
        this.config = config;
    }

    /** Throws a StackException naming the topic, the id and the remedy if the registry lost schemas in use. */
    void verify() {
        Optional<Lost> lost = firstLost();
        if (lost.isPresent()) {
            Lost l = lost.get();
            throw new StackException(StackException.Kind.DATA_LOST, "the registry has lost schemas that Kafka's records"
                    + " still use: " + l.topic() + " (partition " + l.partition() + ", offset " + l.offset()
                    + ") holds a record written with schema id " + l.schemaId() + ", which the registry at "
                    + config.registryUrl() + " does not have, nor any schema of subject " + l.topic() + "-value."
                    + " Its storage (topic " + RegistryStorage.JOURNAL_TOPIC + ") was lost while Kafka kept the"
                    + " records; decoding them with new ids could read them wrongly, so the stack does not start."
                    + " To start afresh, discarding all of the stack's data: bin/evalctl down --purge, then"
                    + " bin/evalctl up");
        }
    }

    Optional<Lost> firstLost() {
        Map<Integer, Boolean> idKnown = new LinkedHashMap<>();
        Map<String, Boolean> subjectKnown = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : tails()) {
            int id = schemaId(r.value());
            if (id < 0) {
                continue; // a tombstone or bytes not in wire format: no schema named
            }
            if (idKnown.computeIfAbsent(id, this::idKnown)) {
                continue;
            }
            if (!subjectKnown.computeIfAbsent(r.topic() + "-value", this::subjectKnown)) {
                return Optional.of(new Lost(r.topic(), r.partition(), r.offset(), id));
            }
        }
        return Optional.empty();
    }

    /** The id of a value in Confluent's wire format, or -1 when it is not one. */
    static int schemaId(byte[] value) {
        if (value == null || value.length < 5 || value[0] != MAGIC) {
            return -1;
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** The last TAIL records of every partition of every event topic that has records. */
    private List<ConsumerRecord<byte[], byte[]>> tails() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> withRecords = partitions.stream().filter(tp -> end.get(tp) > begin.get(tp)).toList();
            if (withRecords.isEmpty()) {
                return out;
            }
            consumer.assign(withRecords);
            withRecords.forEach(tp -> consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - TAIL)));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            // bounded: a partition whose position stalls (it ends in a transaction marker, say) is judged
            // on the records read so far
            while (withRecords.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private boolean idKnown(int id) {
        return found("/schemas/ids/" + id, "schema id " + id);
    }

    private boolean subjectKnown(String subject) {
        return found("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions", "subject " + subject);
    }

    /** 200: true; 404: false; anything else is no answer, and the stack does not start on a guess. */
    private boolean found(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.registryUrl() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200 || status == 404) {
                return status == 200;
            }
            throw new StackException(StackException.Kind.UNAVAILABLE, "registry: checking " + what + " of the kept records"
                    + " answered " + status);
        } catch (IOException e) {
            throw new StackException(StackException.Kind.UNAVAILABLE, "registry: checking " + what + " of the kept records"
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(StackException.Kind.INTERRUPTED, "interrupted while checking the kept records' schemas");
        }
    }
}
