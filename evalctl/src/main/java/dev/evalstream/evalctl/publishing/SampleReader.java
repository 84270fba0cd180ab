package dev.evalstream.evalctl.publishing;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.events.Sample;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one run's samples back from the samples topic, for completions the scorer does not
 * keep. Cost: this scans the whole topic from the beginning (every run's samples, up to the end
 * offsets seen at start) with a fresh, group-less consumer; keys are filtered by run id before
 * any value is decoded, so other runs cost only their transfer. Fine for a laptop stack; on a
 * large shared topic prefer a sink that stores completions.
 */
public final class SampleReader {
    private final String bootstrap;
    private final String registryUrl;

    public SampleReader(String bootstrapServers, String registryUrl) {
        this.bootstrap = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** The run's samples by "task|index"; a redelivered duplicate keeps the first copy. */
    public Map<String, Sample> read(String runId, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "evalctl-results");
        AvroCodec<Sample> codec = AvroCodec.forValues(Sample.class, registryUrl);
        String prefix = Keys.task(runId, "");
        Map<String, Sample> samples = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAMPLES, timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw EvalctlException.timeout("reading " + Topics.SAMPLES + " did not reach its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith(prefix) || r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    Sample s = codec.decode(r.topic(), r.value());
                    samples.putIfAbsent(Keys.task(s.getTaskId(), String.valueOf(s.getSampleIndex())), s);
                }
            }
        } catch (KafkaException e) {
            throw EvalctlException.unavailable("cannot read " + Topics.SAMPLES + " from " + bootstrap + ": " + e.getMessage());
        }
        return samples;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The lookup key used by {@link #read}. */
    public static String id(String taskId, int sampleIndex) {
        return Keys.task(taskId, String.valueOf(sampleIndex));
    }
}
