package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.Keys;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskSamples;
import dev.evalstream.scoring.model.TaskTally;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * results (bytes) -> decode | dead letters -> with the runs' task lists and the samples dead
 * letters say were lost: dedupe + task tallies (keyed run|task) | dead letters -> each
 * task's new tally regrouped by run, joined with the runs table -> per-run scores updated by
 * difference (queried over REST, pushed to live listeners, snapshotted to the scores topic).
 */
public final class ScoringTopology {
    private static final Logger LOG = Logger.getLogger(ScoringTopology.class);
    /** How long a result or loss waits for its run to claim its task before it is judged not the run's. */
    public static final Duration DEFAULT_ORPHAN_WAIT = Duration.ofMinutes(5);

    private final ScoringTopics topics;
    private final ScoringSerdes serdes;
    private final ScoreListener listener;
    private final Duration orphanWait;
    private final dev.evalstream.scoring.planning.Planner planner;
    private dev.evalstream.scoring.alerts.Alerts alerts;

    /** The scoring part alone (no planner). */
    public ScoringTopology(ScoringTopics topics, ScoringSerdes serdes, ScoreListener listener, Duration orphanWait) {
        this(topics, serdes, listener, orphanWait, null);
    }

    /** @param planner the planner's sub-topology, added beside the scoring part (null: none) */
    public ScoringTopology(ScoringTopics topics, ScoringSerdes serdes, ScoreListener listener, Duration orphanWait,
                           dev.evalstream.scoring.planning.Planner planner) {
        this.topics = topics;
        this.serdes = serdes;
        this.listener = listener;
        this.orphanWait = orphanWait;
        this.planner = planner;
    }

    /** Adds the regression alerts' sub-topology, fed by the per-run scores (null: none). */
    public ScoringTopology withAlerts(dev.evalstream.scoring.alerts.Alerts alerts) {
        this.alerts = alerts;
        return this;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Run> runInputs = runs(builder);
        KTable<String, TaskTally> latest = addTallies(builder, runInputs);
        KTable<String, RunInfo> runs = addRuns(runInputs);
        // Cached: a run's state reaches its changelog once per commit, not once per task change
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RUN_TASKS),
                Serdes.String(), JsonSerde.of(TaskTally.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RUN_STATE),
                Serdes.String(), JsonSerde.of(RunScore.class)).withCachingEnabled());
        // The stream-table join makes Kafka Streams co-partition the regrouped tallies with the
        // runs topic, so a run's tallies and its run record meet in one task (and one processor).
        KStream<String, RunChange> fromTasks = latest.toStream(Named.as("task-tally-changes"))
                .selectKey((taskKey, tally) -> tally.runId(), Named.as("key-by-run"))
                .leftJoin(runs, RunChange::ofTask, Joined.with(Serdes.String(), JsonSerde.of(TaskTally.class),
                        JsonSerde.of(RunInfo.class)).withName("by-run"));
        KStream<String, RunChange> fromRuns = runs.toStream(Named.as("run-changes"))
                .mapValues(RunChange::ofRun, Named.as("run-change"));
        KStream<String, RunScore> scored = fromTasks.merge(fromRuns, Named.as("run-inputs"))
                .processValues(RunScoreProcessor::new, Named.as("run-score"), StoreNames.RUN_TASKS, StoreNames.RUN_STATE);
        if (alerts != null) {
            alerts.addTo(builder, scored, StoreNames.RUN_TASKS);
        }
        scored
                // a cached table: listeners and the scores topic get a run's score once per commit
                .toTable(Named.as("run-scores-table"),
                        Materialized.<String, RunScore, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUN_SCORES)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunScore.class))
                                .withCachingEnabled())
                .toStream(Named.as("run-score-changes"))
                .peek(listener::changed, Named.as("notify-listeners"))
                .filter((runId, score) -> score != null, Named.as("skip-deleted-runs"))
                .mapValues(ScoringTopology::snapshot, Named.as("to-snapshot"))
                .to(topics.scores(), Produced.with(Serdes.String(), serdes.scores()).withName("scores-out"));
        if (planner != null) {
            planner.addTo(builder);
        }
        return builder.build();
    }

    /**
     * Deduped task tallies as a table keyed run|task (the results' own key, so no repartition).
     * The per-task step also reads, repartitioned to the same key, the run's task list (each
     * task's membership, with n) and the samples dead letters say were lost. The table is cached:
     * with a record cache (application.properties) a task's tally reaches its store, changelog and
     * the run step once per commit rather than once per result. With the cache off (the topology
     * tests) every tally goes straight through.
     */
    private KTable<String, TaskTally> addTallies(StreamsBuilder builder, KStream<String, Run> runs) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SAMPLES),
                Serdes.String(), JsonSerde.of(SampleState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.TASK_PROGRESS),
                Serdes.String(), JsonSerde.of(TaskProgress.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.TASK_SAMPLES),
                Serdes.String(), JsonSerde.of(TaskSamples.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MEMBERS),
                Serdes.String(), JsonSerde.of(TaskMember.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PENDING),
                Serdes.String(), JsonSerde.of(TallyProcessor.Pending.class)));
        KStream<String, TaskInput> results = decoded(builder, topics.results(), serdes.results(),
                EventChecks::result, false, "results")
                .mapValues(d -> TaskInput.of(d.value(), d.source()), Named.as("result-input"));
        KStream<String, TaskInput> members = runs
                .filter((runId, run) -> run != null, Named.as("live-runs"))
                .flatMap((runId, run) -> run.getTaskIds().stream().distinct()
                        .map(task -> KeyValue.pair(Keys.task(runId, task), TaskInput.member(new TaskMember(runId, task, run.getN()))))
                        .toList(), Named.as("run-tasks"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(TaskInput.class)).withName("members"));
        KStream<String, TallyOutput> out = results
                .merge(members, Named.as("results-and-members"))
                .merge(losses(builder), Named.as("tally-inputs"))
                .processValues(() -> new TallyProcessor(orphanWait), Named.as("dedupe"),
                        StoreNames.SAMPLES, StoreNames.MEMBERS, StoreNames.PENDING, StoreNames.TASK_PROGRESS,
                        StoreNames.TASK_SAMPLES);
        out.filter((k, o) -> o.isDeadLetter(), Named.as("not-the-runs"))
                .selectKey((k, o) -> o.deadLetterKey(), Named.as("dead-letter-key"))
                .mapValues(TallyOutput::deadLetter, Named.as("outside-dead-letter"))
                .to(topics.deadLetters(), Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetters())
                        .withName("outside-dead-letters-out"));
        return out.filterNot((k, o) -> o.isDeadLetter(), Named.as("sample-changes"))
                .mapValues(TallyOutput::change, Named.as("sample-change"))
                .groupByKey(Grouped.with("by-task", Serdes.String(), JsonSerde.of(SampleChange.class)))
                .aggregate(() -> TaskTally.empty(null, null), (taskKey, change, tally) -> change.applyTo(tally),
                        Named.as("task-tally"),
                        Materialized.<String, TaskTally, KeyValueStore<Bytes, byte[]>>as(StoreNames.TASKS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(TaskTally.class))
                                .withCachingEnabled());
    }

    /**
     * The samples that dead letters (of any service) say were lost, keyed run|task. A dead letter
     * this step cannot read is left where it is (it is on the dead-letters topic already) with a warning.
     */
    private KStream<String, TaskInput> losses(StreamsBuilder builder) {
        return builder.stream(topics.deadLetters(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-in"))
                .flatMapValues(bytes -> lostIn(bytes), Named.as("lost-samples"))
                .selectKey((k, in) -> Keys.task(in.runId(), in.taskId()), Named.as("key-lost-by-task"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(TaskInput.class)).withName("losses"));
    }

    private List<TaskInput> lostIn(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        DeadLetter letter;
        try {
            letter = serdes.deadLettersIn().decode(topics.deadLetters(), bytes);
        } catch (RuntimeException e) {
            if (RegistryClient.RegistryException.isOutage(e)) {
                throw e; // retried by the stream thread's bounded replacement: a loss must not be skipped for it
            }
            LOG.warnf("a dead letter the scorer cannot read, left on %s: %s", topics.deadLetters(), DeadLetters.reason(e));
            return List.of();
        }
        return DeadLetters.lost(letter)
                .filter(lost -> EventChecks.runId(lost.runId()).isEmpty() && !lost.taskId().isBlank())
                .map(lost -> List.of(TaskInput.lost(lost, letter.getReason())))
                .orElse(List.of());
    }

    /** The compacted runs topic, decoded (null values: tombstones). */
    private KStream<String, Run> runs(StreamsBuilder builder) {
        return decoded(builder, topics.runs(), serdes.runs(), EventChecks::run, true, "runs")
                .mapValues(Decoded::value, Named.as("run-value"));
    }

    /** The runs as a table keyed by run id (a tombstone deletes the run). */
    private KTable<String, RunInfo> addRuns(KStream<String, Run> runs) {
        return runs
                .mapValues(run -> run == null ? null : info(run), Named.as("run-info"))
                .toTable(Named.as("runs-table"),
                        Materialized.<String, RunInfo, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUNS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunInfo.class)));
    }

    /** Reads a topic as bytes, decodes it, and sends what cannot be decoded or used to dead letters. */
    private <T extends SpecificRecord> KStream<String, Decoded<T>> decoded(StreamsBuilder builder, String topic,
            AvroCodec<T> codec, Function<T, Optional<String>> problem,
            boolean tombstones, String name) {
        return Decoding.decoded(builder, topic, codec, problem, tombstones, name, topics.deadLetters(), serdes.deadLetters());
    }

    static RunInfo info(Run r) {
        List<Integer> ks = r.getKs() == null ? List.of() : List.copyOf(r.getKs());
        double temperature = r.getSampling() == null ? 0.0 : r.getSampling().getTemperature();
        return new RunInfo(r.getRunId(), r.getModel(), r.getDataset(), r.getBackend(), r.getN(), ks, temperature,
                r.getProblemCount(), r.getSamplesTotal(),
                r.getCreatedAt() == null ? 0L : r.getCreatedAt().toEpochMilli(),
                r.getFamily(), r.getCheckpoint(), r.getStep(), r.getPlan());
    }

    static ScoreSnapshot snapshot(RunScore score) {
        RunFigures f = RunFigures.of(score);
        Map<String, Double> pass = new HashMap<>(f.passAtK());
        return ScoreSnapshot.newBuilder()
                .setRunId(score.run().runId())
                .setModel(score.run().model())
                .setTasksTotal(score.run().tasksTotal())
                .setTasksScored(f.tasksScored())
                .setSamplesTotal(score.run().samplesTotal())
                .setSamplesScored(f.samplesScored())
                .setSamplesLost(f.samplesLost())
                .setPassAtK(pass)
                .setPlusPassAtK(f.plusPassAtK() == null ? null : new HashMap<>(f.plusPassAtK()))
                .setAt(Instant.now())
                .build();
    }
}
