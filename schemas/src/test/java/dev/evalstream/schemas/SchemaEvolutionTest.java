package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sample;
import dev.evalstream.events.ScoreSnapshot;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** Guards the promise that events evolve compatibly: optional fields carry defaults, tests stay out of prompts. */
class SchemaEvolutionTest {
    private static final List<Schema> EVENTS = List.of(Problem.getClassSchema(), Run.getClassSchema(),
            Prompt.getClassSchema(), Sample.getClassSchema(), Result.getClassSchema(),
            ScoreSnapshot.getClassSchema(), DeadLetter.getClassSchema());

    @Test
    void everyNullableFieldDefaultsToNullSoNewReadersAcceptOldRecords() {
        for (Schema schema : EVENTS) {
            for (Schema.Field field : schema.getFields()) {
                if (field.schema().isNullable()) {
                    assertTrue(field.hasDefaultValue(), schema.getName() + "." + field.name() + " is nullable without a default");
                }
            }
        }
    }

    @Test
    void aReaderWithoutTheOptionalFieldsStillReadsTodaysSamples() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"Sample","namespace":"dev.evalstream.events","fields":[
                 {"name":"run_id","type":"string"},{"name":"model","type":"string"},{"name":"dataset","type":"string"},
                 {"name":"task_id","type":"string"},{"name":"sample_index","type":"int"},{"name":"completion","type":"string"},
                 {"name":"produced_at","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(Sample.getClassSchema(), old).getType(),
                "today's reader must read records of the minimal schema");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, Sample.getClassSchema()).getType(),
                "a minimal reader must read today's records");
    }

    @Test
    void thePromptACandidateModelSeesCarriesNoTests() {
        for (Schema.Field field : Prompt.getClassSchema().getFields()) {
            String name = field.name().toLowerCase();
            assertTrue(!name.contains("test") && !name.contains("canonical") && !name.contains("solution"),
                    "prompt event must not carry " + field.name());
        }
    }

    @Test
    void topicNamesAreDistinctAndCompactedOnesAreListed() {
        assertEquals(Topics.ALL.size(), Topics.ALL.stream().distinct().count());
        assertTrue(Topics.ALL.containsAll(Topics.COMPACTED));
    }
}
