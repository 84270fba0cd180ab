package dev.evalstream.evalctl.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.evalctl.publishing.SampleReader;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.data.PythonJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalPlusExportTest {
    @Test
    void verdictsBecomeEvalPlusEntriesPerTaskWithTheProgramThatRan() {
        List<SampleVerdict> verdicts = List.of(
                new SampleVerdict("T/0", 0, 0L, "PASSED", true, "passed", "FAILED", "[]", "[[3, 4]]"),
                new SampleVerdict("T/0", 1, 1L, "TIMED_OUT", false, "timed out", "TIMED_OUT", "[[1]]", "[]"),
                new SampleVerdict("T/1", 0, 2L, "LOST", false, "lost: prompt dead-lettered", null, null, null));
        Map<String, Sample> samples = Map.of(SampleReader.id("T/0", 0), sample("T/0", 0, "    return x\n"),
                SampleReader.id("T/0", 1), sample("T/0", 1, "    while True: pass\n"));
        var doc = EvalPlusExport.document("2026-11-30 07:45", "abc", verdicts, samples, Map.of("T/0", "def f(x):\n"));
        assertEquals("{\"date\": \"2026-11-30 07:45\", \"hash\": \"abc\", \"eval\": {\"T/0\": ["
                + "{\"task_id\": \"T/0\", \"solution\": \"def f(x):\\n    return x\\n\", \"base_status\": \"pass\", "
                + "\"plus_status\": \"fail\", \"base_fail_tests\": [], \"plus_fail_tests\": [[3, 4]]}, "
                + "{\"task_id\": \"T/0\", \"solution\": \"def f(x):\\n    while True: pass\\n\", \"base_status\": \"timeout\", "
                + "\"plus_status\": \"timeout\", \"base_fail_tests\": [[1]], \"plus_fail_tests\": []}]}}",
                PythonJson.dumps(doc), "a lost sample has no verdict and no entry");
    }

    @Test
    void aWholeProgramSampleIsTheSolutionAsItIsWithoutThePrompt() {
        List<SampleVerdict> verdicts = List.of(new SampleVerdict("Mbpp/2", 0, 0L, "PASSED", true, "passed", "PASSED", "[]", "[]"));
        Sample whole = Sample.newBuilder(sample("Mbpp/2", 0, "def f(x):\n    return x\n")).setWholeProgram(true).build();
        var doc = EvalPlusExport.document("d", "h", verdicts, Map.of(SampleReader.id("Mbpp/2", 0), whole),
                Map.of("Mbpp/2", "'''\nWrite f.\n'''"));
        assertEquals("def f(x):\n    return x\n", doc.path("eval").path("Mbpp/2").path(0).path("solution").asText());
    }

    private static Sample sample(String task, int index, String completion) {
        return Sample.newBuilder().setRunId("r").setModel("m").setDataset("d").setTaskId(task).setSampleIndex(index)
                .setCompletion(completion).setProducedAt(Instant.EPOCH).build();
    }
}
