package dev.evalstream.evalctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.evalctl.EvalCtl;
import dev.evalstream.evalctl.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** submit and check validate their files before touching Kafka or the sandbox. */
class CliInputTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        CommandLine cli = EvalCtl.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void submitRejectsASampleForAnUnknownTaskNamingTheLine() throws IOException {
        Path problems = write("p.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}");
        Path samples = write("samples.jsonl", "{\"task_id\": \"a\", \"completion\": \"x\"}", "{\"task_id\": \"zz\", \"completion\": \"y\"}");
        Outcome o = run("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                "--bootstrap-servers", "127.0.0.1:" + freePort(), "--registry-url", "http://127.0.0.1:" + freePort());
        assertEquals(ExitCodes.DATA, o.code(), o.err());
        assertTrue(o.err().contains(samples + ":2: field \"task_id\" names unknown task \"zz\""), o.err());
        assertEquals("", o.out());
    }

    @Test
    void checkRejectsAMissingCompletion() throws IOException {
        Path problems = write("p.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}");
        Path samples = write("samples.jsonl", "", "{\"task_id\": \"a\", \"completion\": \"x\"}", "{\"task_id\": \"a\"}");
        Outcome o = run("check", "--problems", problems.toString(), "--samples", samples.toString());
        assertEquals(ExitCodes.DATA, o.code(), o.err());
        assertTrue(o.err().contains(samples + ":3: field \"completion\" is missing"), o.err());
        assertTrue(Files.notExists(dir.resolve("samples.jsonl_results.jsonl")));
    }

    @Test
    void submitWithoutSamplesNeedsABackendAndReplayNeedsAFile() throws IOException {
        Path problems = write("p.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}");
        assertEquals(ExitCodes.DATA, run("submit", "--problems", problems.toString()).code());
        Outcome o = run("submit", "--problems", problems.toString(), "--backend", "replay");
        assertEquals(ExitCodes.DATA, o.code());
        assertTrue(o.err().contains("--replay-file"), o.err());
        assertEquals(ExitCodes.USAGE, run("submit", "--problems", problems.toString(), "--backend", "openai", "--run-id", "a|b").code());
    }

    @Test
    void aCatalogNameResolvesThroughTheMirrorIntoTheRunDirectorysCache() throws IOException {
        Path samples = write("samples.jsonl", "{\"task_id\": \"HumanEval/0\", \"completion\": \"x\"}", "{\"task_id\": \"nope\", \"completion\": \"y\"}");
        Path runDir = dir.resolve("state");
        Outcome o = run("submit", "--problems", "humaneval", "--samples", samples.toString(), "--run-dir", runDir.toString(),
                "--bootstrap-servers", "127.0.0.1:" + freePort(), "--registry-url", "http://127.0.0.1:" + freePort());
        // the name became HumanEval's 164 problems: the samples are checked against them
        assertEquals(ExitCodes.DATA, o.code(), o.err());
        assertTrue(o.err().contains(samples + ":2: field \"task_id\" names unknown task \"nope\""), o.err());
        assertTrue(Files.isRegularFile(runDir.resolve("datasets/humaneval@v1/HumanEval.jsonl.gz")));
    }

    @Test
    void anUnknownDatasetNameOrVersionIsNotFoundAndAFileNeedsAName() throws IOException {
        Outcome unknown = run("datasets", "add", "humanevl", "--run-dir", dir.toString());
        assertEquals(ExitCodes.NOT_FOUND, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("\"humanevl\" is neither a file nor a known dataset name; known: humaneval, humaneval+, mbpp, mbpp+"), unknown.err());
        Outcome version = run("check", "--problems", "humaneval+@v0.0.1", "--samples", "s.jsonl");
        assertEquals(ExitCodes.NOT_FOUND, version.code(), version.err());
        assertTrue(version.err().contains("dataset humaneval+ has no version \"v0.0.1\"; known versions: v0.1.10"), version.err());
        Path problems = write("p.jsonl", "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}");
        Outcome nameless = run("datasets", "add", problems.toString());
        assertEquals(ExitCodes.USAGE, nameless.code(), nameless.err());
        assertTrue(nameless.err().contains("give --name NAME for the file " + problems), nameless.err());
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
