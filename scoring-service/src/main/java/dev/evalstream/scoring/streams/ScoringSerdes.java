package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.ScoreSnapshot;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry-backed codecs of the topology, built from one registry client so tests can
 * point them at a registry of their own. The output serdes refuse values over a size limit
 * ({@link BoundedSerializer}): such an output becomes a dead letter instead of a failed send.
 */
public record ScoringSerdes(AvroCodec<Result> results, AvroCodec<Run> runs, AvroCodec<DeadLetter> deadLettersIn,
                            Serde<DeadLetter> deadLetters, Serde<ScoreSnapshot> scores) {

    public static ScoringSerdes using(RegistryClient registry) {
        return using(registry, BoundedSerializer.DEFAULT_MAX_BYTES);
    }

    /** @param maxOutputBytes the largest serialized value the outputs may write */
    public static ScoringSerdes using(RegistryClient registry, int maxOutputBytes) {
        return new ScoringSerdes(
                new AvroCodec<>(Result.class, registry, false),
                new AvroCodec<>(Run.class, registry, false),
                new AvroCodec<>(DeadLetter.class, registry, false),
                Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                        new AvroDeserializer<>(DeadLetter.class, registry)),
                Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                        new AvroDeserializer<>(ScoreSnapshot.class, registry)));
    }
}
