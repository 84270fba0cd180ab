package dev.evalstream.scoring.planning;

import dev.evalstream.events.Alert;
import dev.evalstream.events.Checkpoint;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.Topics;
import dev.evalstream.harness.stats.RegressionRule;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.InProcessRegistry;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.alerts.AlertSettings;
import dev.evalstream.scoring.alerts.Alerts;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.streams.ScoreListener;
import dev.evalstream.scoring.streams.ScoringSerdes;
import dev.evalstream.scoring.streams.ScoringTopics;
import dev.evalstream.scoring.streams.ScoringTopology;
import dev.evalstream.scoring.streams.StoreNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The scorer's whole topology, planner included, in a TopologyTestDriver with the real Avro codecs. */
public final class PlannerFixture implements AutoCloseable {
    static final int CHUNK = 3;
    static final Duration RETRY = Duration.ofSeconds(1);
    static final Duration PATIENCE = Duration.ofMinutes(2);
    final InProcessRegistry registry;
    /** Checkpoints the alerts' judge keeps per family and plan here (small, so tests see the bound). */
    public static final int KEEP = 3;
    public final TopologyTestDriver driver;
    public final TestOutputTopic<String, Alert> alerts;
    final TestInputTopic<String, byte[]> checkpoints;
    final TestInputTopic<String, byte[]> plans;
    final TestInputTopic<String, byte[]> datasets;
    final TestInputTopic<String, byte[]> problems;
    final TestInputTopic<String, byte[]> results;
    final TestOutputTopic<String, Run> runs;
    final TestOutputTopic<String, Prompt> prompts;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private final PlannerSerdes serdes;
    private final AvroCodec<Result> resultCodec;
    private final Path stateDir;
    private long clock = 1_000;

    public PlannerFixture() throws IOException {
        registry = new InProcessRegistry();
        RegistryClient client = new RegistryClient(registry.url());
        serdes = PlannerSerdes.using(client, 1_000_000);
        ScoringSerdes scoring = ScoringSerdes.using(client);
        resultCodec = scoring.results();
        stateDir = Files.createTempDirectory("planner-ttd");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "planner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        Planner planner = new Planner(new PlannerTopics(Topics.CHECKPOINTS, Topics.PLANS, Topics.DATASETS, Topics.PROBLEMS,
                Topics.RUNS, Topics.PROMPTS, Topics.DEAD_LETTERS), serdes, new PlannerSettings(CHUNK, RETRY, PATIENCE));
        driver = new TopologyTestDriver(new ScoringTopology(
                new ScoringTopics(Topics.RESULTS, Topics.RUNS, Topics.SCORES, Topics.DEAD_LETTERS), scoring,
                ScoreListener.NONE, Duration.ofMinutes(1), planner)
                .withAlerts(new Alerts(Topics.ALERTS, new AlertSettings(0, RegressionRule.defaults(), KEEP), client, 1_000_000))
                .build(), props, Instant.ofEpochMilli(0));
        alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(),
                new AvroDeserializer<>(Alert.class, client));
        checkpoints = bytesIn(Topics.CHECKPOINTS);
        plans = bytesIn(Topics.PLANS);
        datasets = bytesIn(Topics.DATASETS);
        problems = bytesIn(Topics.PROBLEMS);
        results = bytesIn(Topics.RESULTS);
        runs = driver.createOutputTopic(Topics.RUNS, Serdes.String().deserializer(), serdes.runs().deserializer());
        prompts = driver.createOutputTopic(Topics.PROMPTS, Serdes.String().deserializer(), serdes.prompts().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
                serdes.deadLetters().deserializer());
    }

    private TestInputTopic<String, byte[]> bytesIn(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    /** The next record time: inputs arrive in the order the test sends them. */
    private Instant next() {
        clock += 10;
        return Instant.ofEpochMilli(clock);
    }

    /** A dataset: its problems (with tests, which no prompt may carry) and its catalog entry under name. */
    public void dataset(String name, String id, int tasks, boolean catalogEntry) {
        for (int t = 0; t < tasks; t++) {
            problem(id, "T/" + t);
        }
        if (catalogEntry) {
            catalog(name, id, tasks);
        }
    }

    void problem(String id, String task) {
        Problem p = Problem.newBuilder().setDataset(id).setTaskId(task).setPrompt(prompt(id, task))
                .setEntryPoint("f").setTest(test(task)).setCanonicalSolution("    return 1\n")
                .setContentHash("h-" + task).build();
        problems.pipeInput(Keys.problem(id, task), serdes.problems().encode(Topics.PROBLEMS, p), next());
    }

    void catalog(String name, String id, int tasks) {
        DatasetEntry e = DatasetEntry.newBuilder().setName(name).setDataset(id).setContentHash("c-" + id)
                .setProblemCount(tasks).setAddedAt(Instant.ofEpochMilli(5)).build();
        datasets.pipeInput(name, serdes.datasets().encode(Topics.DATASETS, e), next());
    }

    static String prompt(String id, String task) {
        return "def f():\n    \"\"\"" + id + " " + task + "\"\"\"\n";
    }

    static String test(String task) {
        return "def check(c):\n    assert c() == 1  # hidden test of " + task + "\n";
    }

    public Plan plan(String name, String family, String dataset, int n, List<Integer> ks) {
        Plan p = Plan.newBuilder().setName(name).setFamily(family).setDataset(dataset).setN(n)
                .setSampling(Sampling.newBuilder().setTemperature(0.6).setMaxTokens(300).setSeed(7L).build())
                .setKs(ks).setCreatedAt(Instant.ofEpochMilli(clock)).build();
        plans.pipeInput(name, serdes.plans().encode(Topics.PLANS, p), next());
        return p;
    }

    public Checkpoint checkpoint(String family, String name, Long step) {
        Checkpoint c = Checkpoint.newBuilder().setFamily(family).setCheckpoint(name).setStep(step).setBackend("openai")
                .setBackendOptions(Map.of("base_url", "http://gpu:8000/v1", "model", family + "-" + name))
                .setLabels(Map.of("lr", "3e-4")).setPublishedAt(Instant.ofEpochMilli(clock)).build();
        checkpoints.pipeInput(family, serdes.checkpoints().encode(Topics.CHECKPOINTS, c), next());
        return c;
    }

    public void result(String runId, String task, int index, Outcome outcome) {
        Result r = Result.newBuilder().setRunId(runId).setModel("m").setDataset("d").setTaskId(task)
                .setSampleIndex(index).setOutcome(outcome).setDetail("").setPosition((long) index)
                .setCompletedAt(Instant.ofEpochMilli(2_000)).build();
        results.pipeInput(Keys.task(runId, task), resultCodec.encode(Topics.RESULTS, r), next());
    }

    /** Everything the planner wrote to the runs topic since the last read, in order. */
    List<Run> newRuns() {
        return runs.readValuesToList();
    }

    List<KeyValue<String, Prompt>> newPrompts() {
        return prompts.readKeyValuesToList();
    }

    List<CheckpointInfo> checkpointsOf(String family) {
        KeyValueStore<String, CheckpointInfo> store = driver.getKeyValueStore(PlannerStores.CHECKPOINTS);
        List<CheckpointInfo> out = new ArrayList<>();
        try (KeyValueIterator<String, CheckpointInfo> it = store.prefixScan(family + Keys.SEP, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    List<RunScore> runScores() {
        KeyValueStore<String, RunScore> store = driver.getKeyValueStore(StoreNames.RUN_SCORES);
        List<RunScore> out = new ArrayList<>();
        try (KeyValueIterator<String, RunScore> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Wall-clock time passes (the planner's retries). */
    public void wallClock(Duration d) {
        driver.advanceWallClockTime(d);
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
