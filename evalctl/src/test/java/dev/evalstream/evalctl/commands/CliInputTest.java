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
