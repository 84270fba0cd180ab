package dev.evalstream.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for one generated event type, given in code or by the
 * {@value AvroSerdeConfig#VALUE_TYPE} property. Services that must survive bad bytes read raw
 * bytes and use {@link AvroCodec} directly, so a bad record becomes a dead letter rather than
 * a poisoned consumer.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private Class<T> type;
    private RegistryClient registry;
    private AvroCodec<T> codec;

    public AvroDeserializer() {
    }

    public AvroDeserializer(Class<T> type, RegistryClient registry) {
        this.type = type;
        this.registry = registry;
        this.codec = new AvroCodec<>(type, registry, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec != null) {
            return;
        }
        if (registry == null) {
            registry = RegistryClient.shared(AvroSerdeConfig.registryUrl(configs));
        }
        if (type == null) {
            Object name = configs.get(AvroSerdeConfig.VALUE_TYPE);
            if (name == null) {
                throw new IllegalArgumentException("deserializer needs '" + AvroSerdeConfig.VALUE_TYPE + "'");
            }
            try {
                type = (Class<T>) Class.forName(name.toString(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unknown event type " + name, e);
            }
        }
        codec = new AvroCodec<>(type, registry, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone on a compacted topic
        }
        try {
            return codec.decode(topic, data);
        } catch (AvroCodec.CodecException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
