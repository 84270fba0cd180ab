package dev.evalstream.evalctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check on human-eval's own example gives human-eval's figures. Reference, measured with
 * openai/human-eval (Debian python3) on the same two files:
 * {'pass@1': 0.4999999999999999}; samples 4-6 pass, 2 times out, 1 and 3 fail.
 */
class CheckCommandTest {
    static final Path HUMANEVAL = Path.of(System.getenv("HUMANEVAL_DIR"));

    static final String HUMAN_EVAL_RESULTS = """
            {"task_id": "test/0", "completion": "    import subprocess\\n    subprocess.check_output('rm -rf tmp')", "result": "failed: 'NoneType' object is not callable", "passed": false}
            {"task_id": "test/0", "completion": "    import time\\n    time.sleep(10)\\n    return 1", "result": "timed out", "passed": false}
            {"task_id": "test/0", "completion": "    return input('enter a number')", "result": "failed: ", "passed": false}
            {"task_id": "test/0", "completion": "    return 1", "result": "passed", "passed": true}
            {"task_id": "test/0", "completion": "  return 1", "result": "passed", "passed": true}
            {"task_id": "test/0", "completion": "\\treturn 1", "result": "passed", "passed": true}
            """;

    @TempDir
    Path dir;

    @Test
    void exampleGivesHumanEvalsFiguresAndResultsFile() throws IOException {
        // the results file goes beside the samples file, so work on a copy outside the read-only dataset dir
        Path samples = Files.copy(HUMANEVAL.resolve("example_samples.jsonl"), dir.resolve("example_samples.jsonl"));
        CliInputTest.Outcome o = CliInputTest.run("check", "--problems", HUMANEVAL.resolve("example_problem.jsonl").toString(),
                "--samples", samples.toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("{'pass@1': 0.4999999999999999}", o.out().strip());

        // byte for byte what human-eval wrote for these files (its reliability guard's wording included)
        assertEquals(HUMAN_EVAL_RESULTS, Files.readString(dir.resolve("example_samples.jsonl_results.jsonl")));
    }

    @Test
    void jsonOutputCarriesTasksAndSamples() throws IOException {
        Path samples = Files.copy(HUMANEVAL.resolve("example_samples.jsonl"), dir.resolve("s.jsonl"));
        CliInputTest.Outcome o = CliInputTest.run("check", "--json", "--k", "1,2,10", "--problems",
                HUMANEVAL.resolve("example_problem.jsonl").toString(), "--samples", samples.toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.out());
        assertEquals(1, json.get("tasks_scored").intValue());
        assertEquals(6, json.get("samples_scored").intValue());
        assertEquals(3, json.get("samples_passed").intValue());
        assertEquals(0.5, json.get("pass_at_k").get("1").doubleValue(), 1e-12);
        // pass@2 with n=6, c=3: 1 - C(3,2)/C(6,2) = 0.8; pass@10 needs n >= 10, so it is absent (as in human-eval)
        assertEquals(0.8, json.get("pass_at_k").get("2").doubleValue(), 1e-12);
        assertEquals(2, json.get("pass_at_k").size());
    }

}
