package dev.evalstream.evalctl.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.evalctl.publishing.SampleReader;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.data.PythonJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsExportTest {
    @Test
    void joinsVerdictsWithCompletionsInVerdictOrder() {
        Sample a1 = sample("a", 1, "  return 2", -3.5);
        Sample a0 = sample("a", 0, "    return 1", null);
        List<SampleVerdict> verdicts = List.of(
                new SampleVerdict("a", 0, 0L, "PASSED", true, "passed"),
                new SampleVerdict("a", 1, 1L, "FAILED", false, "failed: AssertionError"),
                new SampleVerdict("b", 0, 2L, "TIMED_OUT", false, "timed out"));
        var lines = ResultsExport.lines(verdicts, Map.of(SampleReader.id("a", 1), a1, SampleReader.id("a", 0), a0));
        assertEquals("{\"task_id\": \"a\", \"completion\": \"    return 1\", \"result\": \"passed\", \"passed\": true}",
                PythonJson.dumps(lines.get(0)));
        assertEquals("{\"task_id\": \"a\", \"completion\": \"  return 2\", \"sum_logprob\": -3.5, \"result\": \"failed: AssertionError\", \"passed\": false}",
                PythonJson.dumps(lines.get(1)));
        assertEquals("{\"task_id\": \"b\", \"completion\": null, \"result\": \"timed out\", \"passed\": false}",
                PythonJson.dumps(lines.get(2)));
    }

    private static Sample sample(String task, int index, String completion, Double sumLogprob) {
        return Sample.newBuilder().setRunId("r").setModel("m").setDataset("d").setTaskId(task).setSampleIndex(index)
                .setCompletion(completion).setSumLogprob(sumLogprob).setProducedAt(Instant.EPOCH).build();
    }
}
