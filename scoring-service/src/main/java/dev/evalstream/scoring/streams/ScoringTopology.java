package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.model.RunFigures;
import dev.evalstream.scoring.model.RunInfo;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.RunTally;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskTally;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * results (bytes) -> decode | dead letters -> dedupe + task tallies -> regroup by run -> join
 * with the runs table -> per-run scores (queried over REST, snapshotted to the scores topic).
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
        KTable<String, RunTally> tallies = addTallies(builder);
        KTable<String, RunInfo> runs = addRuns(builder);
        KTable<String, RunScore> scores = runs.leftJoin(tallies, RunScore::new, Named.as("join-run-tallies"),
                Materialized.<String, RunScore, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUN_SCORES)
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunScore.class))
                        .withCachingDisabled()); // tallies are already batched: pass each change on at once
        scores.toStream(Named.as("run-score-changes"))
                .peek(listener::changed, Named.as("notify-listeners"))
                .filter((runId, score) -> score != null, Named.as("skip-deleted-runs"))
                .mapValues(ScoringTopology::snapshot, Named.as("to-snapshot"))
                .to(topics.scores(), Produced.with(Serdes.String(), serdes.scores()).withName("scores-out"));
        return builder.build();
    }

    /**
     * Deduped task tallies regrouped by run id. The tallies pass through a cached table first,
     * so with a record cache (application.properties) each task sends its latest tally once per
     * commit rather than once per result: the run's whole tally is then rewritten per task and
     * commit, not per result, which is what keeps the scorer fast on runs with many tasks. With
     * the cache off (the topology tests) every tally goes straight through.
     */
    private KTable<String, RunTally> addTallies(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SAMPLES),
                Serdes.String(), JsonSerde.of(SampleState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.TASKS),
                Serdes.String(), JsonSerde.of(TaskTally.class)));
        KStream<String, Result> results = decoded(builder, topics.results(), serdes.results(),
                ScoringTopology::resultProblem, false, "results");
        KTable<String, TaskTally> latest = results
                .process(TallyProcessor::new, Named.as("dedupe-and-tally"), StoreNames.SAMPLES, StoreNames.TASKS)
                .toTable(Named.as("latest-task-tally"),
                        Materialized.<String, TaskTally, KeyValueStore<Bytes, byte[]>>as(StoreNames.LATEST_TASKS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(TaskTally.class))
                                .withCachingEnabled());
        // A task's new tally replaces its old one: the subtractor drops the task, the adder puts it back.
        return latest
                .groupBy((taskKey, tally) -> KeyValue.pair(tally.runId(), tally),
                        Grouped.with("by-run", Serdes.String(), JsonSerde.of(TaskTally.class)))
                .aggregate(RunTally::empty, (runId, tally, run) -> run.with(tally),
                        (runId, tally, run) -> run.without(tally.taskId()), Named.as("run-tally"),
                        Materialized.<String, RunTally, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUN_TALLIES)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunTally.class))
                                .withCachingEnabled());
    }

    /** The compacted runs topic as a table keyed by run id (a tombstone deletes the run). */
    private KTable<String, RunInfo> addRuns(StreamsBuilder builder) {
        return decoded(builder, topics.runs(), serdes.runs(), ScoringTopology::runProblem, true, "runs")
                .mapValues(run -> run == null ? null : info(run), Named.as("run-info"))
                .toTable(Named.as("runs-table"),
                        Materialized.<String, RunInfo, KeyValueStore<Bytes, byte[]>>as(StoreNames.RUNS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RunInfo.class)));
    }

    /** Reads a topic as bytes, decodes it, and sends what cannot be decoded or used to dead letters. */
    private <T extends SpecificRecord> KStream<String, T> decoded(StreamsBuilder builder, String topic,
            dev.evalstream.schemas.serde.AvroCodec<T> codec, java.util.function.Function<T, String> problem,
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

    static String resultProblem(Result r) {
        if (r.getRunId() == null || r.getRunId().isBlank() || r.getRunId().indexOf(Keys.SEP) >= 0) {
            return "result has no usable run_id: '" + r.getRunId() + "'";
        }
        if (r.getTaskId() == null || r.getTaskId().isBlank()) {
            return "result has no task_id";
        }
        if (r.getSampleIndex() < 0) {
            return "result has a negative sample_index " + r.getSampleIndex();
        }
        return null;
    }

    static String runProblem(Run r) {
        if (r.getRunId() == null || r.getRunId().isBlank() || r.getRunId().indexOf(Keys.SEP) >= 0) {
            return "run has no usable run_id: '" + r.getRunId() + "'";
        }
        if (r.getN() < 1) {
            return "run has n " + r.getN() + " < 1";
        }
        return null;
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
