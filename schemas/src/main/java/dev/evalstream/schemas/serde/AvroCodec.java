package dev.evalstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type in Confluent's wire format: magic byte 0, the schema's
 * 4-byte registry id, then Avro binary. Subjects follow the topic-name strategy
 * ("topic-value"). Decoding resolves the writer's schema against this type's, so old and new
 * producers interoperate as long as the registry accepted both schemas.
 */
public final class AvroCodec<T extends SpecificRecord> {
    static final byte MAGIC = 0;
    /** The longest string or bytes field, and the most items of an array or map, any record may declare. */
    static final int MAX_FIELD_BYTES = AvroLimits.MAX_FIELD_BYTES;
    static final int MAX_ITEMS = AvroLimits.MAX_ITEMS;

    static {
        AvroLimits.install();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final RegistryClient registry;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    /** This type's registry id per topic: the schema is fixed, so it is registered once per topic. */
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public AvroCodec(Class<T> type, RegistryClient registry, boolean isKey) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public static <T extends SpecificRecord> AvroCodec<T> forValues(Class<T> type, String registryUrl) {
        return new AvroCodec<>(type, RegistryClient.shared(registryUrl), false);
    }

    public Class<T> type() {
        return type;
    }

    public String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    public byte[] encode(String topic, T record) {
        if (record == null) {
            return null;
        }
        Integer id = idsByTopic.get(topic);
        if (id == null) {
            id = registry.register(subject(topic), readerSchema);
            idsByTopic.put(topic, id);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode " + type.getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes bytes written by any registered version of this type's schema.
     *
     * @throws CodecException naming what is wrong with the bytes (a dead letter), never returning a half-read record
     * @throws RegistryClient.RegistryException when the registry cannot be reached (retry later; the record is fine)
     */
    public T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("no value (null record) on " + topic);
        }
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new CodecException("not Confluent wire format on " + topic + ": "
                    + (bytes.length < 5 ? bytes.length + " bytes" : "magic byte " + bytes[0]));
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        try {
            SpecificDatumReader<T> reader = readers.computeIfAbsent(id,
                    i -> new SpecificDatumReader<>(registry.schema(i), readerSchema));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new CodecException("trailing bytes after " + type.getSimpleName() + " on " + topic);
            }
            return record;
        } catch (CodecException e) {
            throw e;
        } catch (RegistryClient.RegistryException e) {
            if (e.isClientError()) {
                throw new CodecException("unknown schema id " + id + " on " + topic + ": " + e.getMessage(), e);
            }
            throw e; // the registry is down: the record is fine, the caller should retry, not dead-letter it
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + " (schema id " + id + ") on "
                    + topic + ": " + e, e);
        }
    }

    /** Bytes that are not a valid record of this type, or a record that cannot be written. */
    public static final class CodecException extends RuntimeException {
        public CodecException(String message) {
            super(message);
        }

        public CodecException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
