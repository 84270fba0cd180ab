package dev.evalstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record of a few bytes that declares a field of 2 GiB, or an array of billions of items, is a
 * bad record, not an OutOfMemoryError (which no catch of the services stops). This module's tests
 * run with a 256 MiB heap (pom), so without the limits AvroCodec sets each case below ends in
 * OutOfMemoryError.
 */
class LengthBombTest {
    private InProcessRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new InProcessRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** Confluent's header with the id the registry gave this type's schema, then the body. */
    private static byte[] wire(byte[] any, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(any, 0, 5);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Avro's zig-zag varint of a long. */
    private static byte[] varint(long v) {
        long z = (v << 1) ^ (v >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    @Test
    void aStringDeclaredAt2GiBIsABadRecord() {
        AvroCodec<DeadLetter> codec = codec();
        byte[] bomb = wire(real(codec), varint(Integer.MAX_VALUE - 16)); // source_topic, the first field
        assertTrue(bomb.length < 16);
        AvroCodec.CodecException e = assertThrows(AvroCodec.CodecException.class, () -> codec.decode(Topics.DEAD_LETTERS, bomb));
        assertTrue(e.getMessage().contains("cannot decode DeadLetter"), e.getMessage());
    }

    private AvroCodec<DeadLetter> codec() {
        return AvroCodec.forValues(DeadLetter.class, registry.url());
    }

    /** A real record's bytes: its header carries the schema id the registry gave the type. */
    private static byte[] real(AvroCodec<DeadLetter> codec) {
        return codec.encode(Topics.DEAD_LETTERS, DeadLetter.newBuilder().setSourceTopic("t").setSourcePartition(0)
                .setSourceOffset(0).setReason("r").setService("s").setAt(java.time.Instant.EPOCH).build());
    }

    @Test
    void bytesDeclaredAt2GiBAreABadRecord() {
        AvroCodec<DeadLetter> codec = codec();
        byte[] real = real(codec);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(varint(0));          // source_topic ""
        body.writeBytes(varint(0));          // source_partition 0
        body.writeBytes(varint(0));          // source_offset 0
        body.writeBytes(varint(1));          // key: the union's bytes branch
        body.writeBytes(varint(Integer.MAX_VALUE - 16));
        byte[] bomb = wire(real, body.toByteArray());
        assertThrows(AvroCodec.CodecException.class, () -> codec.decode(Topics.DEAD_LETTERS, bomb));
    }

    @Test
    void theLimitsAreFarAboveAnyRealRecord() {
        assertEquals(Integer.toString(AvroCodec.MAX_FIELD_BYTES), System.getProperty("org.apache.avro.limits.string.maxLength"));
        assertTrue(AvroCodec.MAX_FIELD_BYTES >= 16 * ByteBuffer.allocate(1 << 20).capacity(), "16 x Kafka's default record size");
    }
}
