package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Problem;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sample;
import dev.evalstream.events.ScoreSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
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
    void aSampleWrittenBeforeWholeProgramsExistedDecodesAsACompletion() throws IOException {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"Sample","namespace":"dev.evalstream.events","fields":[
                 {"name":"run_id","type":"string"},{"name":"model","type":"string"},{"name":"dataset","type":"string"},
                 {"name":"task_id","type":"string"},{"name":"sample_index","type":"int"},{"name":"completion","type":"string"},
                 {"name":"produced_at","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord written = new GenericData.Record(old);
        written.put("run_id", "r");
        written.put("model", "m");
        written.put("dataset", "d");
        written.put("task_id", "Mbpp/2");
        written.put("sample_index", 0);
        written.put("completion", "    return 1\n");
        written.put("produced_at", 0L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(written, encoder);
        encoder.flush();

        Sample read = new SpecificDatumReader<Sample>(old, Sample.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals("    return 1\n", read.getCompletion());
        assertFalse(read.getWholeProgram(), "an old sample is a completion to append to the prompt");
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
