package dev.evalstream.scoring.planning;

import dev.evalstream.events.Plan;
import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.scoring.streams.Decoded;
import dev.evalstream.scoring.streams.Source;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Plans are immutable: the first plan published under a name binds it for good (a tombstone
 * removes the plan from its family but does not free the name). The same plan published again
 * (created_at aside) passes; a changed plan under a bound name, or a plan under a key that is not
 * its name, becomes a dead letter with the reason. Tombstones pass.
 */
final class PlanGuard implements FixedKeyProcessor<String, Decoded<Plan>, Decoded<Plan>> {
    private FixedKeyProcessorContext<String, Decoded<Plan>> context;
    private KeyValueStore<String, PlanSpec> names;

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<Plan>> context) {
        this.context = context;
        this.names = context.getStateStore(PlannerStores.PLAN_NAMES);
    }

    @Override
    public void process(FixedKeyRecord<String, Decoded<Plan>> record) {
        Plan plan = record.value().value();
        if (plan == null) {
            context.forward(record);
            return;
        }
        PlanSpec spec = PlanSpec.of(plan);
        String reason = null;
        if (!spec.name().equals(record.key())) {
            reason = "plan '" + spec.name() + "' published under key '" + record.key() + "': plans are keyed by name";
        } else {
            PlanSpec bound = names.get(spec.name());
            if (bound == null) {
                names.put(spec.name(), spec);
            } else if (!bound.sameAs(spec)) {
                reason = "plan '" + spec.name() + "' exists with other content (" + bound + "): plans are immutable,"
                        + " publish a changed plan under a new name";
            }
        }
        if (reason == null) {
            context.forward(record);
            return;
        }
        Source s = record.value().source();
        context.forward(record.withValue(new Decoded<>(null, null, DeadLetters.of(DeadLetters.Origin.SCORER, s.topic(),
                s.partition(), s.offset(), s.key() == null ? null : s.key().getBytes(StandardCharsets.UTF_8), s.value(),
                reason))));
    }
}
