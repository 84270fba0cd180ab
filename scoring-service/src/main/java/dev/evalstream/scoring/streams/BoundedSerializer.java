package dev.evalstream.scoring.streams;

import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Refuses a serialized value over the limit, so an output too large for the broker fails at
 * serialization, before the send. Under exactly_once_v2 that matters: a send the producer
 * rejects puts the transaction in an abortable state whatever the production handler answers,
 * while a serialization failure reaches the handler with the transaction intact, and the
 * handler's dead letter and CONTINUE really continue.
 */
public final class BoundedSerializer<T> implements Serializer<T> {
    /**
     * Under Kafka's default record limits (max.request.size 1 MiB, topic max.message.bytes
     * 1 MiB + 12), with room left for the key, headers and record overhead.
     */
    public static final int DEFAULT_MAX_BYTES = 1_000_000;

    private final Serializer<T> inner;
    private final int maxBytes;

    public BoundedSerializer(Serializer<T> inner, int maxBytes) {
        this.inner = inner;
        this.maxBytes = maxBytes;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return bounded(topic, inner.serialize(topic, data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return bounded(topic, inner.serialize(topic, headers, data));
    }

    private byte[] bounded(String topic, byte[] bytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw new RecordTooLargeException("a record of " + bytes.length + " bytes for " + topic
                    + " is over the scorer's output limit of " + maxBytes + " bytes (evalstream.scorer.max-output-bytes)");
        }
        return bytes;
    }

    @Override
    public void close() {
        inner.close();
    }
}
