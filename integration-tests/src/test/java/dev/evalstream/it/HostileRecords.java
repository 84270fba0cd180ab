package dev.evalstream.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bytes of hostile records, built by hand in Confluent's wire format (magic 0, a 4-byte
 * schema id, Avro binary) or not at all, for a plain KafkaProducer&lt;byte[], byte[]&gt;: the
 * project's serializers would refuse to write most of them. Schemas are registered through the
 * registry's Confluent-compatible REST API with a plain HTTP client.
 */
final class HostileRecords {
    /** What the report calls each kind of hostile record. */
    static final String GARBAGE = "garbage";
    static final String UNKNOWN_SCHEMA_ID = "unknown-schema-id";
    static final String LENGTH_BOMB = "length-bomb";
    static final String ITEMS_BOMB = "items-bomb";
    static final String OVERSIZED = "oversized";
    static final String MISSING_FIELDS = "missing-fields";
    static final String UNKNOWN_TASK = "unknown-task";
    static final String INDEX_OUT_OF_RANGE = "index-out-of-range";
    static final String CONFLICTING_DUPLICATE = "conflicting-duplicate";

    /** Near Kafka's default record limit (1 MiB): a dead letter carrying all of it and a reason would not fit. */
    static final int OVERSIZED_BYTES = 900 * 1024;
    /** No registry of a test run hands out ids this high. */
    static final int UNKNOWN_ID = 2_000_000_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String registryUrl;
    private final String marker;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    /** @param marker put in every subject this instance registers and every body it writes */
    HostileRecords(String registryUrl, String marker) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.marker = marker;
    }

    /** Bytes that are not Confluent wire format at all (the first byte is not the magic 0). */
    byte[] garbage(String tag) {
        return ("{not avro} " + tag).getBytes(StandardCharsets.UTF_8);
    }

    /** Wire format naming a schema id the registry does not have. */
    byte[] unknownSchemaId(String tag) {
        return framed(UNKNOWN_ID, avroString(tag));
    }

    /**
     * Declared by a bomb: below Avro's own ceiling (Integer.MAX_VALUE - 8, which refuses a length
     * whatever the limits), so only the limits the services set (16 MiB, 2^20 items) stop Avro
     * from allocating a 2 GB string or a two-billion-entry map before reading a byte of it.
     */
    static final long BOMB = 2_000_000_000L;

    /** The topic's own schema id, then a body whose first field (a string in every event type) declares BOMB bytes. */
    byte[] lengthBomb(String topic, Schema type, String tag) {
        if (type.getFields().get(0).schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException(type.getName() + "'s first field is not a string");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeLong(body, BOMB);
        body.writeBytes(tag.getBytes(StandardCharsets.UTF_8));
        return framed(realId(topic, type), body.toByteArray());
    }

    /**
     * The topic's own schema id, then the type's leading string fields (the tag in each) and a
     * map or array field whose first block declares BOMB items.
     */
    byte[] itemsBomb(String topic, Schema type, String tag) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Schema.Field f : type.getFields()) {
            Schema.Type t = f.schema().getType();
            if (t == Schema.Type.MAP || t == Schema.Type.ARRAY) {
                writeLong(body, BOMB);
                body.writeBytes(avroString(tag));
                return framed(realId(topic, type), body.toByteArray());
            }
            if (t != Schema.Type.STRING) {
                break;
            }
            body.writeBytes(avroString(tag));
        }
        throw new IllegalArgumentException(type.getName() + " has no map or array after leading strings only");
    }

    /** The topic's own schema id and a first string field of about 900 KB, then nothing: a truncated record. */
    byte[] oversized(String topic, Schema type, String tag) {
        StringBuilder s = new StringBuilder(OVERSIZED_BYTES).append(tag).append(' ');
        while (s.length() < OVERSIZED_BYTES - 16) {
            s.append('x');
        }
        return framed(realId(topic, type), avroString(s.toString()));
    }

    /**
     * A record of the type's name and namespace with only its first field, registered under a
     * subject of its own (so the topic's subject keeps its compatibility rules), and a body in it:
     * resolving it against the type's schema fails on the fields it lacks, which have no defaults.
     */
    byte[] missingFields(Schema type, String tag) {
        Schema.Field first = type.getFields().get(0);
        if (first.schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException(type.getName() + "'s first field is not a string");
        }
        String schema = Json.MAPPER.createObjectNode().put("type", "record").put("name", type.getName())
                .put("namespace", type.getNamespace())
                .set("fields", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                        .put("name", first.name()).put("type", "string"))).toString();
        int id = ids.computeIfAbsent("missing " + type.getFullName(),
                k -> register(marker + "-missing-fields-" + type.getName(), schema));
        return framed(id, avroString(tag));
    }

    /** A well-formed record in the topic's own schema, encoded with plain Avro (for duplicates and unknown ids). */
    <T extends SpecificRecord> byte[] wellFormed(String topic, T record) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
        try {
            new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return framed(realId(topic, record.getSchema()), body.toByteArray());
    }

    /** The id of the type's schema under the topic's subject, as the services register it (idempotent). */
    int realId(String topic, Schema type) {
        return ids.computeIfAbsent(topic, t -> register(t + "-value", type.toString()));
    }

    private int register(String subject, String schema) {
        String body = Json.MAPPER.createObjectNode().put("schema", schema).toString();
        String url = registryUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = r.statusCode() == 200 ? Json.parse(r.body()) : null;
            if (answer == null || !answer.has("id")) {
                throw new AssertionError("registering " + subject + " answered " + r.statusCode() + ": " + r.body());
            }
            return answer.get("id").asInt();
        } catch (IOException e) {
            throw new AssertionError("registry " + url + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] framed(int schemaId, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) 0).putInt(schemaId).put(body);
        return b.array();
    }

    /** An Avro string: zig-zag varint length, then UTF-8. */
    static byte[] avroString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 5);
        writeLong(out, utf8.length);
        out.writeBytes(utf8);
        return out.toByteArray();
    }

    /** Avro's long encoding: zig-zag, then 7 bits a byte, low bits first. */
    static void writeLong(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }
}
