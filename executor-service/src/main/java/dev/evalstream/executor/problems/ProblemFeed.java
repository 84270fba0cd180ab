package dev.evalstream.executor.problems;

import dev.evalstream.events.Problem;
import dev.evalstream.executor.Outbox;
import dev.evalstream.executor.ProblemLookup;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reads the whole problems topic into a {@link ProblemCatalog} and follows it: one consumer
 * on its own thread, every partition assigned, from the beginning, no consumer group (each
 * executor needs every problem). Catch-up requests are served on that thread too, because
 * the consumer is not thread-safe: the end offsets are taken when a request is served, and
 * the request completes once the consumer's position has reached them.
 */
public final class ProblemFeed implements ProblemLookup, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProblemFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RETRY_PAUSE_MS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final ProblemCatalog catalog = new ProblemCatalog();
    private final ProblemRecords records;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final List<Target> targets = new ArrayList<>(); // feed thread only
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile List<TopicPartition> partitions = List.of();

    private record Target(Map<TopicPartition, Long> endOffsets, CompletableFuture<Void> done) {
    }

    public ProblemFeed(Consumer<byte[], byte[]> consumer, String topic, AvroCodec<Problem> codec, Outbox outbox) {
        this.consumer = consumer;
        this.topic = topic;
        this.records = new ProblemRecords(catalog, codec, outbox);
        this.thread = new Thread(this::run, "problem-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
        caughtUp().whenComplete((ok, failure) -> {
            if (failure == null) {
                LOG.infof("problem catalog loaded from %s: %d problems", topic, catalog.size());
                loaded.complete(null);
            }
        });
    }

    @Override
    public Optional<Problem> find(String dataset, String taskId) {
        return catalog.find(dataset, taskId);
    }

    @Override
    public CompletionStage<Void> caughtUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        requests.add(request);
        return request;
    }

    /** True once the catalog has read everything that was on the topic at start. */
    public boolean loaded() {
        return loaded.isDone();
    }

    public boolean alive() {
        return thread.isAlive();
    }

    public int size() {
        return catalog.size();
    }

    private void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (RuntimeException e) {
                    LOG.warnf("problem feed on %s: %s; retrying in %d ms", topic, DeadLetters.reason(e), RETRY_PAUSE_MS);
                    pause();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
            CancellationException stopped = new CancellationException("problem feed stopped");
            requests.forEach(r -> r.completeExceptionally(stopped));
            targets.forEach(t -> t.done().completeExceptionally(stopped));
        }
    }

    private void step() {
        if (partitions.isEmpty() && !assign()) {
            // no such topic yet: nothing was published before any waiting request
            for (CompletableFuture<Void> r; (r = requests.poll()) != null; ) {
                r.complete(null);
            }
            pause();
            return;
        }
        if (!requests.isEmpty()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (CompletableFuture<Void> r; (r = requests.poll()) != null; ) {
                targets.add(new Target(ends, r));
            }
        }
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        boolean registryDown = false;
        for (TopicPartition tp : polled.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : polled.records(tp)) {
                if (!records.apply(record)) {
                    consumer.seek(tp, record.offset()); // read it again once the registry answers
                    registryDown = true;
                    break;
                }
            }
        }
        if (registryDown) {
            LOG.warnf("problem feed: schema registry unavailable; retrying in %d ms", RETRY_PAUSE_MS);
            pause();
            return;
        }
        targets.removeIf(this::reached);
    }

    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        partitions = all;
        LOG.infof("problem feed reading %s, %d partitions, from the beginning", topic, all.size());
        return true;
    }

    private boolean reached(Target target) {
        for (Map.Entry<TopicPartition, Long> e : target.endOffsets().entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        target.done().complete(null);
        return true;
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
