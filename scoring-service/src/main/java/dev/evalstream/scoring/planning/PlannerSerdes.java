package dev.evalstream.scoring.planning;

import dev.evalstream.events.Checkpoint;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Plan;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.schemas.serde.AvroCodec;
import dev.evalstream.schemas.serde.AvroDeserializer;
import dev.evalstream.schemas.serde.AvroSerializer;
import dev.evalstream.schemas.serde.RegistryClient;
import dev.evalstream.scoring.streams.BoundedSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The planner's registry-backed codecs (Confluent wire format, as every service writes). */
public record PlannerSerdes(AvroCodec<Checkpoint> checkpoints, AvroCodec<Plan> plans, AvroCodec<DatasetEntry> datasets,
                            AvroCodec<Problem> problems, Serde<Run> runs, Serde<Prompt> prompts,
                            Serde<DeadLetter> deadLetters) {

    public static PlannerSerdes using(RegistryClient registry, int maxOutputBytes) {
        return new PlannerSerdes(
                new AvroCodec<>(Checkpoint.class, registry, false),
                new AvroCodec<>(Plan.class, registry, false),
                new AvroCodec<>(DatasetEntry.class, registry, false),
                new AvroCodec<>(Problem.class, registry, false),
                Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                        new AvroDeserializer<>(Run.class, registry)),
                Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                        new AvroDeserializer<>(Prompt.class, registry)),
                Serdes.serdeFrom(new BoundedSerializer<>(new AvroSerializer<>(registry), maxOutputBytes),
                        new AvroDeserializer<>(DeadLetter.class, registry)));
    }
}
