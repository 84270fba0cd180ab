package dev.evalstream.scoring.alerts;

import dev.evalstream.events.Alert;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.planning.GlobalCopy;
import dev.evalstream.scoring.streams.BoundedSerializer;
import dev.evalstream.scoring.streams.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The regression alerts: a sub-topology of the scorer's Kafka Streams application, so the
 * judge's state and its Alerts commit in the scorer's exactly-once transactions.
 *
 * <pre>
 * per-run scores (run id) -> CompletionWatch: a planned run exists / is complete with its tasks' (n, c)
 *   -> repartitioned by family|plan -> Judge (each checkpoint against the previous by step, once)
 *   -> alerts topic (family|plan|checkpoint)
 * alerts topic -> global store (every instance answers GET /alerts)
 * </pre>
 */
public final class Alerts {
    private final String alertsTopic;
    private final AlertSettings settings;
    private final Serde<Alert> alertSerde;
    private final AvroCodec<Alert> alertCodec;

    public Alerts(String alertsTopic, AlertSettings settings, RegistryClient registry, int maxOutputBytes) {
        this.alertsTopic = alertsTopic;
        this.settings = settings;
        this.alertSerde = Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                new AvroDeserializer<>(Alert.class, registry));
        this.alertCodec = new AvroCodec<>(Alert.class, registry, false);
    }

    /**
     * @param scores        the per-run step's output, keyed by run id
     * @param runTasksStore the per-run step's task store, read where the scores are made
     */
    public void addTo(StreamsBuilder builder, KStream<String, RunScore> scores, String runTasksStore) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertStores.HANDED),
                Serdes.String(), JsonSerde.of(CompletionWatch.Handed.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertStores.CHECKPOINTS),
                Serdes.String(), JsonSerde.of(PlanCheckpoint.class)));
        scores.process(() -> new CompletionWatch(runTasksStore), Named.as("alerts-watch"), AlertStores.HANDED, runTasksStore)
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(JudgeInput.class)).withName("alerts-by-plan"))
                .process(() -> new Judge(settings), Named.as("alerts-judge"), AlertStores.CHECKPOINTS)
                .to(alertsTopic, Produced.with(Serdes.String(), alertSerde).withName("alerts-out"));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertStores.ALERTS),
                        Serdes.String(), JsonSerde.of(AlertView.class)).withLoggingDisabled(),
                alertsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alerts-in"),
                () -> new GlobalCopy<Alert, AlertView>(AlertStores.ALERTS, alertCodec, AlertView::of, AlertView::keyOf, true));
    }
}
