package dev.evalstream.scoring.streams;

import dev.evalstream.schemas.DeadLetters;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes raw bytes with the registry codec and checks the record, turning anything wrong
 * into a dead letter that carries the original bytes and where they came from. A processor
 * rather than a mapValues because a dead letter needs the record's topic, partition and offset.
 */
final class DecodeProcessor<T extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Decoded<T>> {
    private final AvroCodec<T> codec;
    private final Function<T, Optional<String>> problem;
    private final boolean tombstones;
    private FixedKeyProcessorContext<String, Decoded<T>> context;

    /**
     * @param problem    what is wrong with a decoded record, empty when it is usable
     * @param tombstones whether a null value is a deletion (compacted topics) rather than an error
     */
    DecodeProcessor(AvroCodec<T> codec, Function<T, Optional<String>> problem, boolean tombstones) {
        this.codec = codec;
        this.problem = problem;
        this.tombstones = tombstones;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "unknown" : meta.topic();
        if (record.value() == null && tombstones) {
            context.forward(record.withValue(new Decoded<>(null, null, null)));
            return;
        }
        String reason;
        T value = null;
        try {
            value = codec.decode(topic, record.value());
            reason = problem.apply(value).orElse(null);
        } catch (RuntimeException e) {
            if (RegistryClient.RegistryException.isOutage(e)) {
                throw e; // the registry being away says nothing of the bytes: fail the thread (a bounded retry), never dead-letter
            }
            reason = DeadLetters.reason(e);
        }
        if (reason == null) {
            context.forward(record.withValue(new Decoded<>(value, new Source(topic, meta == null ? -1 : meta.partition(),
                    meta == null ? -1L : meta.offset(), record.key(), record.value()), null)));
            return;
        }
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(record.withValue(new Decoded<>(null, null, DeadLetters.of(DeadLetters.Origin.SCORER, topic,
                meta == null ? -1 : meta.partition(), meta == null ? -1L : meta.offset(), key, record.value(), reason))));
    }
}
