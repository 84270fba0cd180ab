package dev.evalstream.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for Kafka Streams, all sharing one registry client. */
public final class AvroSerdes {
    private AvroSerdes() {
    }

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type, String registryUrl) {
        RegistryClient registry = RegistryClient.shared(registryUrl);
        return Serdes.serdeFrom(new AvroSerializer<>(registry), new AvroDeserializer<>(type, registry));
    }
}
