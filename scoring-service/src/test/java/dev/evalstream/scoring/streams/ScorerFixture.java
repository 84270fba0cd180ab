package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sampling;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskSamples;
import dev.evalstream.scoring.model.TaskTally;
import dev.evalstream.scoring.rest.SampleListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The scorer's real topology in a TopologyTestDriver, fed through the real Avro codecs. */
final class ScorerFixture implements AutoCloseable {
    final ScoringTopics topics = new ScoringTopics(Topics.RESULTS, Topics.RUNS, Topics.SCORES, Topics.DEAD_LETTERS);
    final InProcessRegistry registry;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> results;
    final TestInputTopic<String, byte[]> runs;
    /** The dead-letters topic as an input: what other services dead-lettered, as the scorer reads it. */
    final TestInputTopic<String, DeadLetter> deadLettersIn;
    static final java.time.Duration ORPHAN_WAIT = java.time.Duration.ofMinutes(1);
    final TestOutputTopic<String, ScoreSnapshot> scores;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    final List<RunScore> notified = new ArrayList<>();
    private final AvroCodec<Result> resultCodec;
    private final AvroCodec<Run> runCodec;
    private final Path stateDir;

    ScorerFixture() throws IOException {
        this(new Properties(), null, BoundedSerializer.DEFAULT_MAX_BYTES);
    }

    /**
     * @param extra          Streams settings on top of the fixture's (e.g. exception handlers)
     * @param listener       told of score changes after the fixture records them; null: none
     * @param maxOutputBytes the output serdes' size limit
     */
    ScorerFixture(Properties extra, ScoreListener listener, int maxOutputBytes) throws IOException {
        registry = new InProcessRegistry();
        RegistryClient client = new RegistryClient(registry.url());
        ScoringSerdes serdes = ScoringSerdes.using(client, maxOutputBytes);
        resultCodec = serdes.results();
        runCodec = serdes.runs();
        // a bench may put the stores on tmpfs: the driver checkpoints (fsyncs) after every record
        String parent = System.getProperty("evalstream.test.state-parent");
        stateDir = parent == null ? Files.createTempDirectory("scorer-ttd")
                : Files.createTempDirectory(Path.of(parent), "scorer-ttd");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.putAll(extra);
        driver = new TopologyTestDriver(new ScoringTopology(topics, serdes, (id, score) -> {
            notified.add(score);
            if (listener != null) {
                listener.changed(id, score);
            }
        }, ORPHAN_WAIT).build(), props);
        results = driver.createInputTopic(topics.results(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        runs = driver.createInputTopic(topics.runs(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        deadLettersIn = driver.createInputTopic(topics.deadLetters(), Serdes.String().serializer(),
                serdes.deadLetters().serializer());
        scores = driver.createOutputTopic(topics.scores(), Serdes.String().deserializer(), serdes.scores().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), Serdes.String().deserializer(),
                serdes.deadLetters().deserializer());
    }

    void run(String runId, int n, List<Integer> ks, List<String> tasks) {
        int problems = tasks.size();
        Run run = Run.newBuilder().setRunId(runId).setModel("model-" + runId.charAt(0)).setDataset("ds")
                .setBackend("samples").setSampling(Sampling.newBuilder().setTemperature(0.2).build())
                .setN(n).setKs(ks).setProblemCount(problems).setTaskIds(tasks).setSamplesTotal((long) n * problems)
                .setCreatedAt(Instant.ofEpochMilli(1_000)).build();
        runs.pipeInput(runId, runCodec.encode(topics.runs(), run));
    }

    void result(String runId, String task, int index, Outcome outcome) {
        result(runId, task, index, outcome, null, null);
    }

    void result(String runId, String task, int index, Outcome outcome, Double meanLogprob, Double sumLogprob) {
        Result r = Result.newBuilder().setRunId(runId).setModel("m").setDataset("ds").setTaskId(task)
                .setSampleIndex(index).setOutcome(outcome)
                .setDetail(outcome == Outcome.FAILED ? "failed: AssertionError" : "")
                .setPosition((long) index).setMeanLogprob(meanLogprob).setSumLogprob(sumLogprob)
                .setCompletedAt(Instant.ofEpochMilli(2_000)).build();
        results.pipeInput(Keys.task(runId, task), resultCodec.encode(topics.results(), r));
    }

    /** A result of a problem with extra tests: outcome on the base inputs, plus on every input. */
    void resultWithPlus(String runId, String task, int index, Outcome outcome, Outcome plus) {
        Result r = Result.newBuilder().setRunId(runId).setModel("m").setDataset("ds").setTaskId(task)
                .setSampleIndex(index).setOutcome(outcome).setPlusOutcome(plus)
                .setBaseFailTests(outcome == Outcome.PASSED ? "[]" : "[[1, 2]]")
                .setPlusFailTests(plus == Outcome.PASSED || outcome != Outcome.PASSED ? "[]" : "[[3]]")
                .setPosition((long) index).setCompletedAt(Instant.ofEpochMilli(2_000)).build();
        results.pipeInput(Keys.task(runId, task), resultCodec.encode(topics.results(), r));
    }

    /** A dead letter from another service that says these samples of a run were lost. */
    void lost(DeadLetters.Lost lost, String reason) {
        deadLettersIn.pipeInput(Keys.task(lost.runId(), lost.taskId()), DeadLetters.of(DeadLetters.Origin.EXECUTOR,
                Topics.SAMPLES, 0, 0L, null, new byte[] {1}, reason, lost));
    }

    byte[] encode(Result r) {
        return resultCodec.encode(topics.results(), r);
    }

    TaskTally task(String runId, String task) {
        KeyValueStore<String, TaskTally> store = driver.getKeyValueStore(StoreNames.TASKS);
        return store.get(Keys.task(runId, task));
    }

    /** A sample's state as the samples listing gives it (open tasks' entries, final tasks' copies). */
    SampleState sample(String runId, String task, int index) {
        return samples(runId).stream().filter(s -> s.taskId().equals(task) && s.sampleIndex() == index)
                .findFirst().orElse(null);
    }

    /** The run's samples as GET /runs/{id}/samples lists them on one instance. */
    List<SampleState> samples(String runId) {
        KeyValueStore<String, TaskSamples> finished = driver.getKeyValueStore(StoreNames.TASK_SAMPLES);
        return SampleListing.of(dedupeEntries(runId), ofRun(finished, runId));
    }

    /** The run's per-sample dedupe entries (run|task|index). */
    List<SampleState> dedupeEntries(String runId) {
        KeyValueStore<String, SampleState> store = driver.getKeyValueStore(StoreNames.SAMPLES);
        return ofRun(store, runId);
    }

    private static <V> List<V> ofRun(KeyValueStore<String, V> store, String runId) {
        List<V> out = new ArrayList<>();
        try (var it = store.prefixScan(runId + Keys.SEP, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    RunScore score(String runId) {
        KeyValueStore<String, RunScore> store = driver.getKeyValueStore(StoreNames.RUN_SCORES);
        return store.get(runId);
    }

    Map<String, ScoreSnapshot> latestSnapshots() {
        return scores.readKeyValuesToMap();
    }

    /** Where the driver keeps its persistent stores (RocksDB, one directory per store); removed by close. */
    Path stateDir() {
        return stateDir;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.close();
        } finally {
            registry.close();
            try (var walk = Files.walk(stateDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
