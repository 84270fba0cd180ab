package dev.evalstream.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any generated event type; the type is taken from each record. */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private RegistryClient registry;
    private boolean isKey;
    private final Map<Class<?>, AvroCodec<?>> codecs = new java.util.concurrent.ConcurrentHashMap<>();

    public AvroSerializer() {
    }

    public AvroSerializer(RegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = RegistryClient.shared(AvroSerdeConfig.registryUrl(configs));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        AvroCodec<T> codec = (AvroCodec<T>) codecs.computeIfAbsent(data.getClass(),
                c -> new AvroCodec<>((Class<T>) c, registry, isKey));
        return codec.encode(topic, data);
    }
}
