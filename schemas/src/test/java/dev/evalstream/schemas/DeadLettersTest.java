package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void originsAreSpelledAsTheServicesModules() {
        assertEquals(List.of("generator-service", "executor-service", "scoring-service"),
                List.of(DeadLetters.Origin.values()).stream().map(DeadLetters.Origin::service).toList());
        assertEquals("executor-service", DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null, "r")
                .getService());
    }

    @Test
    void aDeadLetterOfAnInputNearTheRecordLimitFitsUnderIt() throws Exception {
        byte[] big = new byte[1_048_000]; // just under Kafka's default 1 MiB record, as a hostile producer may send
        new java.util.Random(7).nextBytes(big);
        DeadLetter d = DeadLetters.of(DeadLetters.Origin.SCORER, "t", 3, 42L, new byte[200_000], big, "x".repeat(100_000));
        assertEquals(DeadLetters.PREFIX_BYTES, d.getValue().remaining());
        assertEquals(DeadLetters.PREFIX_BYTES, d.getKey().remaining());
        assertEquals(big.length, d.getValueSize());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(big)),
                d.getValueSha256());
        assertEquals(DeadLetters.REASON_CHARS, d.getReason().length());
        try (dev.evalstream.schemas.serde.InProcessRegistry registry = new dev.evalstream.schemas.serde.InProcessRegistry()) {
            byte[] wire = dev.evalstream.schemas.serde.AvroCodec.forValues(DeadLetter.class, registry.url()).encode(Topics.DEAD_LETTERS, d);
            assertTrue(wire.length < 256 << 10, "the dead letter is " + wire.length + " bytes: under Kafka's 1 MiB, with room");
        }
    }

    @Test
    void aSmallInputTravelsWhole() {
        byte[] small = "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DeadLetter d = DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, small, null);
        assertEquals(java.nio.ByteBuffer.wrap(small), d.getValue());
        assertEquals(small.length, d.getValueSize());
        assertEquals("unknown", d.getReason());
        assertEquals(null, d.getKey());
        assertEquals(-1, DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null, "r").getValueSize());
    }

    @Test
    void aDeadLetterSaysWhichSamplesOfARunItLost() {
        DeadLetter sample = DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null, "r",
                DeadLetters.Lost.sample("run-1", "T/1", 3));
        assertEquals(java.util.Optional.of(new DeadLetters.Lost("run-1", "T/1", 3, 4)), DeadLetters.lost(sample));
        DeadLetter prompt = DeadLetters.of(DeadLetters.Origin.GENERATOR, "t", 0, 0L, null, null, "r",
                DeadLetters.Lost.ofKey("run-1|T|1|5", true).orElseThrow());
        assertEquals(java.util.Optional.of(new DeadLetters.Lost("run-1", "T|1", 5, -1)), DeadLetters.lost(prompt));
        assertEquals(java.util.Optional.of(new DeadLetters.Lost("run-1", "T|1", 5, 6)), DeadLetters.Lost.ofKey("run-1|T|1|5", false));
        assertEquals(java.util.Optional.empty(), DeadLetters.lost(DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null, "r")));
        assertEquals(java.util.Optional.empty(), DeadLetters.lost(DeadLetters.of(DeadLetters.Origin.EXECUTOR, "t", 0, 0L, null, null,
                "r", new DeadLetters.Lost("run-1", "T", 4, 4))), "an empty range loses nothing");
    }
}
