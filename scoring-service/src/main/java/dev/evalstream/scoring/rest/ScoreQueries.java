package dev.evalstream.scoring.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.evalstream.scoring.alerts.AlertStores;
import dev.evalstream.scoring.alerts.AlertView;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.SampleState;
import dev.evalstream.scoring.model.TaskSamples;
import dev.evalstream.scoring.model.TaskTally;
import dev.evalstream.scoring.planning.CheckpointInfo;
import dev.evalstream.scoring.planning.PlannerStores;
import dev.evalstream.scoring.streams.StoreNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries over the scorer's stores. A run lives on the instance that holds its
 * key's partition: read locally or fetched from that peer. Whole-table reads (all runs, a
 * run's samples, which are spread over result partitions) ask every instance and merge.
 * Every wait is bounded: a store that stays unqueryable answers NotReady.
 */
@ApplicationScoped
public class ScoreQueries {
    static final int ATTEMPTS = 3;
    static final long BACKOFF_MS = 150;

    @Inject
    KafkaStreams streams;
    @Inject
    PeerClient peers;
    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    Optional<String> applicationServer;

    public QueryResult<RunScore> run(String runId) {
        Optional<HostInfo> self = self();
        if (self.isEmpty()) {
            return local(StoreNames.RUN_SCORES, (ReadOnlyKeyValueStore<String, RunScore> s) -> s.get(runId));
        }
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(StoreNames.RUN_SCORES, runId, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return new QueryResult.NotReady<>("streams not running: " + e.getMessage());
        }
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
            return new QueryResult.NotReady<>("no instance holds run " + runId + " yet (rebalancing)");
        }
        if (meta.activeHost().equals(self.get())) {
            return local(StoreNames.RUN_SCORES, (ReadOnlyKeyValueStore<String, RunScore> s) -> s.get(runId));
        }
        return peers.get(meta.activeHost(), "/internal/runs/" + PeerClient.encode(runId), new TypeReference<RunScore>() { });
    }

    /**
     * The planner's checkpoints of one family. They live in the family's partition (the planner
     * keys checkpoints by family), under keys family|checkpoint: read locally or asked of the
     * instance that holds the family's partition.
     */
    public QueryResult<List<CheckpointInfo>> checkpoints(String family) {
        Optional<HostInfo> self = self();
        if (self.isEmpty()) {
            return localCheckpoints(family);
        }
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(PlannerStores.CHECKPOINTS, family, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return new QueryResult.NotReady<>("streams not running: " + e.getMessage());
        }
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
            return new QueryResult.NotReady<>("no instance holds family " + family + " yet (rebalancing)");
        }
        if (meta.activeHost().equals(self.get())) {
            return localCheckpoints(family);
        }
        return peers.get(meta.activeHost(), "/internal/families/" + PeerClient.encode(family) + "/checkpoints",
                new TypeReference<List<CheckpointInfo>>() { });
    }

    /** This instance's checkpoints of one family (a key-prefix scan: family|...). */
    public QueryResult<List<CheckpointInfo>> localCheckpoints(String family) {
        return local(PlannerStores.CHECKPOINTS, (ReadOnlyKeyValueStore<String, CheckpointInfo> s) -> ofRun(s, family));
    }

    public QueryResult<List<RunScore>> runs() {
        return everywhere(StoreNames.RUN_SCORES, "/internal/runs", new TypeReference<List<RunScore>>() { },
                this::localRuns);
    }

    public QueryResult<List<SampleState>> samples(String runId) {
        return everywhere(StoreNames.SAMPLES, "/internal/runs/" + PeerClient.encode(runId) + "/samples",
                new TypeReference<List<SampleState>>() { }, () -> localSamples(runId));
    }

    /** A run's task tallies, which live with the results (keyed run|task) on every instance. */
    public QueryResult<List<TaskTally>> tasks(String runId) {
        return everywhere(StoreNames.TASKS, "/internal/runs/" + PeerClient.encode(runId) + "/tasks",
                new TypeReference<List<TaskTally>>() { }, () -> localTasks(runId));
    }

    /** This instance's share of one run's task tallies (a key-prefix scan: run|...). */
    public QueryResult<List<TaskTally>> localTasks(String runId) {
        return local(StoreNames.TASKS, (ReadOnlyKeyValueStore<String, TaskTally> s) -> ofRun(s, runId));
    }

    /** This instance's share of all runs. */
    public QueryResult<List<RunScore>> localRuns() {
        return local(StoreNames.RUN_SCORES, (ReadOnlyKeyValueStore<String, RunScore> s) -> values(s.all()));
    }

    /** This instance's share of one run's samples: open tasks' entries and final tasks' copies (key-prefix scans: run|...). */
    public QueryResult<List<SampleState>> localSamples(String runId) {
        QueryResult<List<SampleState>> open = local(StoreNames.SAMPLES,
                (ReadOnlyKeyValueStore<String, SampleState> s) -> ofRun(s, runId));
        QueryResult<List<TaskSamples>> finished = local(StoreNames.TASK_SAMPLES,
                (ReadOnlyKeyValueStore<String, TaskSamples> s) -> ofRun(s, runId));
        if (open instanceof QueryResult.Found<List<SampleState>> o && finished instanceof QueryResult.Found<List<TaskSamples>> f) {
            return QueryResult.found(SampleListing.of(o.value(), f.value()));
        }
        return open instanceof QueryResult.NotReady<List<SampleState>> ? open
                : new QueryResult.NotReady<>(((QueryResult.NotReady<List<TaskSamples>>) finished).reason());
    }

    /** Every alert: each instance holds them all (a global store of the alerts topic), so this one answers. */
    public QueryResult<List<AlertView>> alerts() {
        return local(AlertStores.ALERTS, (ReadOnlyKeyValueStore<String, AlertView> s) -> values(s.all()));
    }

    public QueryResult<RunScore> localRun(String runId) {
        return local(StoreNames.RUN_SCORES, (ReadOnlyKeyValueStore<String, RunScore> s) -> s.get(runId));
    }

    private <T> QueryResult<List<T>> everywhere(String store, String path, TypeReference<List<T>> type,
                                                java.util.function.Supplier<QueryResult<List<T>>> local) {
        Optional<HostInfo> self = self();
        if (self.isEmpty()) {
            return local.get();
        }
        List<T> merged = new ArrayList<>();
        java.util.Collection<StreamsMetadata> hosts;
        try {
            hosts = streams.streamsMetadataForStore(store);
        } catch (IllegalStateException e) {
            return new QueryResult.NotReady<>("streams not running: " + e.getMessage());
        }
        if (hosts.isEmpty()) {
            return new QueryResult.NotReady<>("no instance holds " + store + " yet (rebalancing)");
        }
        for (StreamsMetadata host : hosts) {
            QueryResult<List<T>> part = host.hostInfo().equals(self.get()) ? local.get()
                    : peers.get(host.hostInfo(), path, type);
            if (part instanceof QueryResult.Found<List<T>> f) {
                merged.addAll(f.value());
            } else if (part instanceof QueryResult.FoundElsewhere<List<T>> f) {
                merged.addAll(f.value());
            } else if (part instanceof QueryResult.NotReady<List<T>> n) {
                return n;
            }
        }
        return new QueryResult.Found<>(merged);
    }

    /** The values a store keeps under one run's (or family's) keys (run|...): a key-prefix scan. */
    private static <V> List<V> ofRun(ReadOnlyKeyValueStore<String, V> store, String runId) {
        return values(store.prefixScan(runId + dev.evalstream.schemas.Keys.SEP, Serdes.String().serializer()));
    }

    private static <V> List<V> values(KeyValueIterator<String, V> scan) {
        List<V> out = new ArrayList<>();
        try (scan) {
            scan.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Reads a local store, retrying a bounded number of times while it migrates. */
    private <V, T> QueryResult<T> local(String store, Function<ReadOnlyKeyValueStore<String, V>, T> read) {
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.REBALANCING) {
                return new QueryResult.NotReady<>("streams are " + streams.state());
            }
            try {
                ReadOnlyKeyValueStore<String, V> s = streams.store(
                        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
                return QueryResult.found(read.apply(s));
            } catch (InvalidStateStoreException e) {
                last = e.getMessage();
                sleep(BACKOFF_MS * attempt);
            }
        }
        return new QueryResult.NotReady<>("store " + store + " not queryable: " + last);
    }

    private Optional<HostInfo> self() {
        return applicationServer.filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
