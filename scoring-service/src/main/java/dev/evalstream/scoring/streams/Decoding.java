package dev.evalstream.scoring.streams;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.schemas.serde.AvroCodec;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Reading an Avro topic in the topology: one way for the scorer's and the planner's inputs. */
public final class Decoding {
    private Decoding() {
    }

    /**
     * Reads a topic as bytes, decodes it, and sends what cannot be decoded or used to dead letters.
     *
     * @param problem    what is wrong with a decoded record, empty when it is usable
     * @param tombstones whether a null value is a deletion (compacted topics) rather than an error
     * @param name       prefix of the processor names (unique in the topology)
     */
    public static <T extends SpecificRecord> KStream<String, Decoded<T>> decoded(StreamsBuilder builder, String topic,
            AvroCodec<T> codec, Function<T, Optional<String>> problem, boolean tombstones, String name,
            String deadLettersTopic, Serde<DeadLetter> deadLetters) {
        KStream<String, Decoded<T>> decoded = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-in"))
                .processValues(() -> new DecodeProcessor<>(codec, problem, tombstones), Named.as("decode-" + name));
        decoded.filter((k, d) -> d.failed(), Named.as(name + "-undecodable"))
                .mapValues(Decoded::deadLetter, Named.as(name + "-dead-letter"))
                .to(deadLettersTopic, Produced.<String, DeadLetter>with(Serdes.String(), deadLetters)
                        .withName(name + "-dead-letters-out"));
        return decoded.filterNot((k, d) -> d.failed(), Named.as(name + "-decoded"));
    }
}
