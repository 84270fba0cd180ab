package dev.evalstream.it.scoring;

import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes runs and results straight to the topics, as evalctl and the executors would. */
public final class ResultsFeed implements AutoCloseable {
    /** The scorer's consumer group: its quarkus.kafka-streams.application-id. */
    public static final String SCORER_GROUP = "evalstream-scorer";

    private final String bootstrap;
    private final KafkaProducer<String, SpecificRecord> producer;

    public ResultsFeed(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(RegistryClient.shared(registryUrl)));
    }

    /** A run of tasks taskPrefix + 0 .. taskPrefix + (tasks - 1), as ScriptedResults and the bench name them. */
    public static Run run(String runId, String model, String taskPrefix, int tasks, int n, List<Integer> ks,
                          long samplesTotal) {
        return Run.newBuilder().setRunId(runId).setModel(model).setDataset("scripted").setBackend("samples")
                .setSampling(Sampling.newBuilder().build()).setN(n).setKs(ks).setProblemCount(tasks)
                .setTaskIds(java.util.stream.IntStream.range(0, tasks).mapToObj(t -> taskPrefix + t).toList())
                .setSamplesTotal(samplesTotal).setCreatedAt(Instant.now()).build();
    }

    public void publish(Run run) {
        await(producer.send(new ProducerRecord<>(Topics.RUNS, run.getRunId(), run)));
    }

    /** Sends without waiting for each acknowledgement; flush() waits for all. */
    public java.util.concurrent.Future<RecordMetadata> send(Result r) {
        return producer.send(new ProducerRecord<>(Topics.RESULTS, Keys.task(r.getRunId(), r.getTaskId()), r));
    }

    public void publish(List<Result> results) {
        results.forEach(this::send);
        producer.flush();
    }

    public void flush() {
        producer.flush();
    }

    /**
     * Waits until the scorer's group has committed the end offset of every results partition
     * and then of every partition it consumes besides (its repartition topic), so every result
     * sent before the call has reached the tables. Under exactly-once the results offsets
     * commit in the same transaction as the repartitioned records, so the end offsets read
     * after seeing results consumed include them.
     */
    public void awaitScorerCaughtUp(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String lag = "";
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCORER_GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                List<TopicPartition> results = admin.describeTopics(List.of(Topics.RESULTS)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(Topics.RESULTS).partitions().stream()
                        .map(i -> new TopicPartition(Topics.RESULTS, i.partition())).toList();
                lag = behind(admin, results, committed);
                if (lag.isEmpty()) {
                    List<TopicPartition> others = committed.keySet().stream()
                            .filter(tp -> !tp.topic().equals(Topics.RESULTS)).toList();
                    lag = behind(admin, others, admin.listConsumerGroupOffsets(SCORER_GROUP)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS));
                    if (lag.isEmpty()) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
            throw new AssertionError("scorer did not catch up in " + timeout + ": " + lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read offsets: " + e, e);
        }
    }

    /** The partitions whose committed offset is below the end offset, described; empty when none. */
    private static String behind(Admin admin, List<TopicPartition> parts, Map<TopicPartition, OffsetAndMetadata> committed)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (parts.isEmpty()) {
            return "";
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(parts.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            long at = c == null ? 0 : c.offset();
            if (at < end.offset()) {
                out.append(tp).append(" at ").append(at).append(" of ").append(end.offset()).append("; ");
            }
        });
        return out.toString();
    }

    private static <T> T await(java.util.concurrent.Future<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("send failed: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
