package dev.evalstream.scoring.planning;

import dev.evalstream.events.Checkpoint;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.schemas.EventChecks;
import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.streams.Decoded;
import dev.evalstream.scoring.streams.Decoding;
import dev.evalstream.scoring.streams.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
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

/**
 * The planner: the sub-topology of the scorer's Kafka Streams application that starts the runs
 * of checkpoints.
 *
 * <pre>
 * plans (bytes) -> decode | dead letters -> immutability guard | dead letters -> table by plan name
 *               -> regrouped by family: family -> FamilyPlans
 * checkpoints (bytes) -> decode | dead letters -> keyed by family -> left join (the family's plans
 *               at the checkpoint's arrival) -> PlanStarter -> runs, prompts | dead letters
 * catalog, problems -> global stores (catalog entries; the problems' prompt fields only)
 * </pre>
 *
 * A stream-table join: a plan applies to the checkpoints that arrive after it, never to earlier
 * ones. Run ids come from PlannedRuns (family, checkpoint, plan), and the started store is
 * written in the same transaction as the runs' events (the application runs exactly_once_v2).
 */
public final class Planner {
    private final PlannerTopics topics;
    private final PlannerSerdes serdes;
    private final PlannerSettings settings;

    public Planner(PlannerTopics topics, PlannerSerdes serdes, PlannerSettings settings) {
        this.topics = topics;
        this.serdes = serdes;
        this.settings = settings;
    }

    public void addTo(StreamsBuilder builder) {
        addGlobalStores(builder);
        KTable<String, FamilyPlans> familyPlans = familyPlans(builder);

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.CHECKPOINTS),
                Serdes.String(), JsonSerde.of(CheckpointInfo.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.STARTED),
                Serdes.String(), JsonSerde.of(Started.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.PENDING),
                Serdes.String(), JsonSerde.of(Pending.class)));
        KStream<String, PlannerOutput> out = Decoding.decoded(builder, topics.checkpoints(), serdes.checkpoints(),
                        EventChecks::checkpoint, false, "checkpoints", topics.deadLetters(), serdes.deadLetters())
                .map((k, d) -> KeyValue.pair(d.value().getFamily(),
                        new Arrival(CheckpointInfo.of(d.value()), d.source())), Named.as("checkpoint-by-family"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(Arrival.class)).withName("checkpoints-by-family"))
                .leftJoin(familyPlans, CheckpointPlans::new, Joined.with(Serdes.String(), JsonSerde.of(Arrival.class),
                        JsonSerde.of(FamilyPlans.class)).withName("checkpoint-plans"))
                .process(() -> new PlanStarter(settings), Named.as("start-runs"),
                        PlannerStores.CHECKPOINTS, PlannerStores.STARTED, PlannerStores.PENDING);
        out.filter((k, o) -> o.run() != null, Named.as("planned-runs"))
                .mapValues(PlannerOutput::run, Named.as("planned-run"))
                .to(topics.runs(), Produced.<String, Run>with(Serdes.String(), serdes.runs()).withName("planned-runs-out"));
        out.filter((k, o) -> o.prompt() != null, Named.as("planned-prompts"))
                .mapValues(PlannerOutput::prompt, Named.as("planned-prompt"))
                .to(topics.prompts(), Produced.<String, Prompt>with(Serdes.String(), serdes.prompts())
                        .withName("planned-prompts-out"));
        out.filter((k, o) -> o.deadLetter() != null, Named.as("planner-dead-letters"))
                .mapValues(PlannerOutput::deadLetter, Named.as("planner-dead-letter"))
                .to(topics.deadLetters(), Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetters())
                        .withName("planner-dead-letters-out"));
    }

    /** The live plans regrouped by family (a changed plan under a bound name is a dead letter, never a change). */
    private KTable<String, FamilyPlans> familyPlans(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.PLAN_NAMES),
                Serdes.String(), JsonSerde.of(PlanSpec.class)));
        KStream<String, Decoded<Plan>> guarded = Decoding.decoded(builder, topics.plans(), serdes.plans(),
                        EventChecks::plan, true, "plans", topics.deadLetters(), serdes.deadLetters())
                .processValues(PlanGuard::new, Named.as("plans-immutable"), PlannerStores.PLAN_NAMES);
        guarded.filter((k, d) -> d.failed(), Named.as("plans-changed"))
                .mapValues(Decoded::deadLetter, Named.as("plan-changed-dead-letter"))
                .to(topics.deadLetters(), Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetters())
                        .withName("plans-changed-dead-letters-out"));
        return guarded.filterNot((k, d) -> d.failed(), Named.as("plans-kept"))
                .mapValues(d -> d.value() == null ? null : PlanSpec.of(d.value()), Named.as("plan-spec"))
                .toTable(Named.as("plans-table"), Materialized.<String, PlanSpec, KeyValueStore<Bytes, byte[]>>as(PlannerStores.PLANS)
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(PlanSpec.class)))
                .groupBy((name, plan) -> KeyValue.pair(plan.family(), plan),
                        Grouped.with("plans-by-family", Serdes.String(), JsonSerde.of(PlanSpec.class)))
                .aggregate(FamilyPlans::empty, (family, plan, plans) -> plans.with(plan),
                        (family, plan, plans) -> plans.without(plan), Named.as("family-plans"),
                        Materialized.<String, FamilyPlans, KeyValueStore<Bytes, byte[]>>as(PlannerStores.FAMILY_PLANS)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(FamilyPlans.class)));
    }

    private void addGlobalStores(StreamsBuilder builder) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.CATALOG),
                        Serdes.String(), JsonSerde.of(CatalogEntry.class)).withLoggingDisabled(),
                topics.datasets(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("catalog-in"),
                () -> new GlobalCopy<DatasetEntry, CatalogEntry>(PlannerStores.CATALOG, serdes.datasets(),
                        e -> new CatalogEntry(e.getName(), e.getDataset(), e.getContentHash(), e.getProblemCount()),
                        DatasetEntry::getName, true));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PlannerStores.PROMPTS),
                        Serdes.String(), JsonSerde.of(PromptFields.class)).withLoggingDisabled(),
                topics.problems(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("problems-in"),
                () -> new GlobalCopy<Problem, PromptFields>(PlannerStores.PROMPTS, serdes.problems(),
                        p -> new PromptFields(p.getDataset(), p.getTaskId(), p.getPrompt()),
                        p -> Keys.problem(p.getDataset(), p.getTaskId()), false));
    }
}
