package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * results (bytes) -> decode | dead letters -> dedupe + task tallies (keyed run|task) -> each
 * task's new tally regrouped by run, joined with the runs table -> per-run scores updated by
 * difference (queried over REST, pushed to live listeners, snapshotted to the scores topic).
 */
public final class ScoringTopology {
    private final ScoringTopics topics;
    private final ScoringSerdes serdes;
    private final ScoreListener listener;

    public ScoringTopology(ScoringTopics topics, ScoringSerdes serdes, ScoreListener listener) {
        this.topics = topics;
        this.serdes = serdes;
        this.listener = listener;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, TaskTally> latest = addTallies(builder);
        KTable<String, RunInfo> runs = addRuns(builder);
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
        fromTasks.merge(fromRuns, Named.as("run-inputs"))
                .processValues(RunScoreProcessor::new, Named.as("run-score"), StoreNames.RUN_TASKS, StoreNames.RUN_STATE)
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
        return builder.build();
    }

    /**
     * Deduped task tallies as a table keyed run|task (the results' own key, so no repartition).
     * The table is cached: with a record cache (application.properties) a task's tally reaches
     * its store, changelog and the run step once per commit rather than once per result. With
     * the cache off (the topology tests) every tally goes straight through.
     */
    private KTable<String, TaskTally> addTallies(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SAMPLES),
                Serdes.String(), JsonSerde.of(SampleState.class)));
        KStream<String, Result> results = decoded(builder, topics.results(), serdes.results(),
                EventChecks::result, false, "results");
        return results
                .processValues(TallyProcessor::new, Named.as("dedupe"), StoreNames.SAMPLES)
                .groupByKey(Grouped.with("by-task", Serdes.String(), JsonSerde.of(SampleChange.class)))
                .aggregate(() -> TaskTally.empty(null, null), (taskKey, change, tally) -> change.applyTo(tally),
                        Named.as("task-tally"),
                        Materialized.<String, TaskTally, KeyValueStore<Bytes, byte[]>>as(StoreNames.TASKS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(TaskTally.class))
                                .withCachingEnabled());
    }

    /** The compacted runs topic as a table keyed by run id (a tombstone deletes the run). */
    private KTable<String, RunInfo> addRuns(StreamsBuilder builder) {
        return decoded(builder, topics.runs(), serdes.runs(), EventChecks::run, true, "runs")
                .mapValues(run -> run == null ? null : info(run), Named.as("run-info"))
                .toTable(Named.as("runs-table"),
                        Materialized.<String, RunInfo, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUNS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunInfo.class)));
    }

    /** Reads a topic as bytes, decodes it, and sends what cannot be decoded or used to dead letters. */
    private <T extends SpecificRecord> KStream<String, T> decoded(StreamsBuilder builder, String topic,
            AvroCodec<T> codec, Function<T, Optional<String>> problem,
            boolean tombstones, String name) {
        KStream<String, Decoded<T>> decoded = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-in"))
                .processValues(() -> new DecodeProcessor<>(codec, problem, tombstones), Named.as("decode-" + name));
        decoded.filter((k, d) -> d.failed(), Named.as(name + "-undecodable"))
                .mapValues(Decoded::deadLetter, Named.as(name + "-dead-letter"))
                .to(topics.deadLetters(), Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetters())
                        .withName(name + "-dead-letters-out"));
        return decoded.filterNot((k, d) -> d.failed(), Named.as(name + "-decoded"))
                .mapValues(Decoded::value, Named.as(name + "-value"));
    }

    static RunInfo info(Run r) {
        List<Integer> ks = r.getKs() == null ? List.of() : List.copyOf(r.getKs());
        double temperature = r.getSampling() == null ? 0.0 : r.getSampling().getTemperature();
        return new RunInfo(r.getRunId(), r.getModel(), r.getDataset(), r.getBackend(), r.getN(), ks, temperature,
                r.getProblemCount(), r.getSamplesTotal(),
                r.getCreatedAt() == null ? 0L : r.getCreatedAt().toEpochMilli());
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
                .setPassAtK(pass)
                .setAt(Instant.now())
                .build();
    }
}
