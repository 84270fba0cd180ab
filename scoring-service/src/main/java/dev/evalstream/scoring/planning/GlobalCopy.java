package dev.evalstream.scoring.planning;

import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.schemas.serde.RegistryPatience;
import java.time.Duration;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps a global store as a copy of what the scorer needs of a topic (for the planner: compacted ones; for the alerts: every alert): each record
 * decoded and reduced to the store's value (for problems: the prompt fields only, never the
 * tests), keyed as on the topic; a tombstone deletes; for the catalog a name keeps its first content. The same processor runs when the store is
 * restored, so the store never holds the raw records. A record that cannot be decoded is left out
 * with a warning (global processors cannot write; the services that own these topics dead-letter
 * such records); a registry outage is waited out for a while, then fails the global thread.
 */
public final class GlobalCopy<T extends SpecificRecord, V> implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = Logger.getLogger(GlobalCopy.class);
    private static final RegistryPatience PATIENCE = new RegistryPatience(Duration.ofSeconds(60));
    private final String storeName;
    private final AvroCodec<T> codec;
    private final Function<T, V> copy;
    private final KeyOf<T> expectedKey;
    private final boolean keepFirst;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, V> store;

    /** The key a record must have on its topic, so a record cannot stand for another's key. */
    public interface KeyOf<T> {
        String of(T record);
    }

    /** @param keepFirst a key is bound to its first value for good (the catalog: a name is bound to one content) */
    public GlobalCopy(String storeName, AvroCodec<T> codec, Function<T, V> copy, KeyOf<T> expectedKey, boolean keepFirst) {
        this.keepFirst = keepFirst;
        this.storeName = storeName;
        this.codec = codec;
        this.copy = copy;
        this.expectedKey = expectedKey;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("unknown");
        T value;
        try {
            value = PATIENCE.call("decoding a record of " + topic, () -> codec.decode(topic, record.value()));
        } catch (RuntimeException e) {
            if (RegistryClient.RegistryException.isOutage(e)) {
                throw e;
            }
            LOG.warnf("%s: a record of %s (key %s) left out: %s", storeName, topic, record.key(), DeadLetters.reason(e));
            return;
        }
        String key = expectedKey.of(value);
        if (!key.equals(record.key())) {
            LOG.warnf("%s: a record of %s left out: key %s, but it is %s", storeName, topic, record.key(), key);
            return;
        }
        V copied = copy.apply(value);
        V bound = keepFirst ? store.get(record.key()) : null;
        if (bound != null && !bound.equals(copied)) {
            LOG.warnf("%s: a record of %s left out: %s is bound to %s already, not to %s", storeName, topic, record.key(), bound, copied);
            return;
        }
        store.put(record.key(), copied);
    }
}
