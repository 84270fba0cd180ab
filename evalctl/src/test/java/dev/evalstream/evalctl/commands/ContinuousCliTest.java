package dev.evalstream.evalctl.commands;

import static dev.evalstream.evalctl.commands.CliInputTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evalstream.evalctl.EvalCtl;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.commands.CliInputTest.Outcome;
import dev.evalstream.evalctl.render.HistoryTablesTest;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * datasets, plan, checkpoint and history on the command line: their shape, and that bad input
 * is refused before Kafka is touched (the broker and registry given are ports nobody listens on).
 */
class ContinuousCliTest {
    static final String PROBLEM = "{\"task_id\": \"a\", \"prompt\": \"p\", \"entry_point\": \"f\", \"test\": \"t\"}";

    @TempDir
    Path dir;

    static Outcome run(String... args) {
        return CliInputTest.run(args);
    }

    /** The args followed by a broker and a registry nobody listens on. */
    static String[] nowhere(String... args) throws IOException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--bootstrap-servers", "127.0.0.1:" + freePort(), "--registry-url", "http://127.0.0.1:" + freePort()));
        return all.toArray(String[]::new);
    }

    @Test
    void eachNewCommandHasHelpWithItsShape() {
        Map<List<String>, List<String>> expected = Map.of(
                List.of("datasets", "--help"), List.of("Usage: evalctl datasets", "--json", "add"),
                List.of("datasets", "add", "--help"), List.of("Usage: evalctl datasets add", "--name=NAME", "FILE"),
                List.of("plan", "add", "--help"), List.of("Usage: evalctl plan add", "NAME", "--family=F", "--dataset=NAME",
                        "--n=N", "--temperature=T", "--top-p=P", "--max-tokens=M", "--k=K"),
                List.of("plan", "list", "--help"), List.of("Usage: evalctl plan list", "--json"),
                List.of("checkpoint", "--help"), List.of("Usage: evalctl checkpoint", "FAMILY NAME", "--step=S", "--backend=NAME",
                        "--samples=FILE", "--replay-file=FILE", "--base-url=URL", "--model=NAME", "--wait"),
                List.of("history", "--help"), List.of("Usage: evalctl history", "FAMILY", "--json"));
        expected.forEach((args, words) -> {
            Outcome o = run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, o.code(), args + ": " + o.err());
            words.forEach(w -> assertTrue(o.out().contains(w), args + " help lacks " + w + ":\n" + o.out()));
        });
        Outcome top = run("--help");
        for (String c : List.of("datasets", "plan", "checkpoint", "history")) {
            assertTrue(top.out().lines().anyMatch(l -> l.trim().startsWith(c + " ")), "evalctl --help lists " + c + ":\n" + top.out());
        }
    }

    @Test
    void datasetsAddRefusesABadFileNamingItsLineAndFieldBeforeKafka() throws IOException {
        Path file = write("p.jsonl", PROBLEM, "{\"task_id\": \"b\", \"prompt\": \"p\", \"test\": \"t\"}");
        Outcome o = run(nowhere("datasets", "add", file.toString(), "--name", "small"));
        assertEquals(ExitCodes.DATA, o.code(), o.err());
        assertTrue(o.err().startsWith("evalctl datasets add: " + file + ":2: field \"entry_point\" is missing"), o.err());
        assertEquals("", o.out());
        assertEquals(ExitCodes.USAGE, run("datasets", "add", file.toString()).code(), "--name is required");
        assertEquals(ExitCodes.USAGE, run(nowhere("datasets", "add", write("q.jsonl", PROBLEM).toString(), "--name", "a|b")).code());
    }

    @Test
    void planAddRefusesAKOverNAndPlanAloneIsAUsageError() throws IOException {
        Outcome o = run(nowhere("plan", "add", "p", "--family", "f", "--dataset", "he", "--n", "5", "--k", "1,10"));
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--k 10 is over --n 5"), o.err());
        assertEquals(ExitCodes.USAGE, run("plan", "add", "p", "--dataset", "he").code(), "--family is required");
        Outcome alone = run("plan");
        assertEquals(ExitCodes.USAGE, alone.code());
        assertTrue(alone.err().contains("add or list"), alone.err());
    }

    @Test
    void checkpointRefusesBadBackendFlagsBeforeKafka() throws IOException {
        Path samples = write("s.jsonl", "{\"task_id\": \"a\", \"completion\": \"x\"}", "{\"completion\": \"y\"}");
        Outcome bad = run(nowhere("checkpoint", "fam", "c1", "--backend", "replay", "--samples", samples.toString()));
        assertEquals(ExitCodes.DATA, bad.code(), bad.err());
        assertTrue(bad.err().contains(samples + ":2: field \"task_id\" is missing"), bad.err());
        assertEquals("", bad.out());

        Outcome noFile = run(nowhere("checkpoint", "fam", "c1", "--backend", "replay"));
        assertEquals(ExitCodes.DATA, noFile.code());
        assertTrue(noFile.err().contains("--samples FILE"), noFile.err());

        Path good = write("good.jsonl", "{\"task_id\": \"a\", \"completion\": \"x\"}");
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fam", "c1", "--backend", "replay", "--samples", good.toString(),
                "--replay-file", good.toString())).code(), "both spellings of the replay file");
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fam", "c1", "--backend", "openai", "--samples", good.toString())).code());
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fam", "c1", "--backend", "replay", "--samples", good.toString(),
                "--base-url", "http://x")).code());
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fam", "c1")).code(), "a backend is required");
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fa|m", "c1", "--backend", "openai")).code());
        assertEquals(ExitCodes.USAGE, run(nowhere("checkpoint", "fam", "c1", "--backend", "openai", "--step", "-1")).code());
    }

    @Test
    void checkpointBackendOptionsAreSubmitsWithTheReplayFileAbsoluteAndTheModelNamed() throws IOException {
        Path good = write("good.jsonl", "{\"task_id\": \"a\", \"completion\": \"x\"}");
        Path relative = Path.of("").toAbsolutePath().relativize(good);
        for (String flag : List.of("--samples", "--replay-file")) {
            CheckpointCommand c = parse("fam", "c1", "--backend", "replay", flag, relative.toString());
            assertEquals(Map.of("file", good.toString()), c.backend.checkpointOptions(c.samples, c.model), flag);
        }
        CheckpointCommand openai = parse("fam", "c1", "--step", "300", "--backend", "openai", "--base-url", "http://gpu:8000/v1",
                "--model", "qwen-7b", "--backend-option", "request_timeout_s=600", "--label", "run=a");
        assertEquals(Map.of("base_url", "http://gpu:8000/v1", "model", "qwen-7b", "request_timeout_s", "600"),
                openai.backend.checkpointOptions(openai.samples, openai.model));
        assertEquals(300L, openai.step);
        assertEquals(Map.of("run", "a"), openai.labels);
    }

    @Test
    void readingTheCatalogFromAnAbsentBrokerFailsAsUnavailableWithinTheTimeout() throws IOException {
        long start = System.nanoTime();
        Outcome o = run(nowhere("datasets", "--timeout", "2"));
        assertEquals(ExitCodes.UNAVAILABLE, o.code(), o.err());
        assertTrue(o.err().contains(Topics.DATASETS), o.err());
        assertTrue(System.nanoTime() - start < 20e9, "bounded");
        Outcome c = run(nowhere("checkpoint", "fam", "c1", "--backend", "openai", "--read-timeout", "2"));
        assertEquals(ExitCodes.UNAVAILABLE, c.code(), c.err());
        assertTrue(c.err().contains(Topics.PLANS), c.err());
        assertEquals("", c.out(), "no run ids for a checkpoint that was not published");
    }

    @Test
    void historyPrintsTheScorersFamilyAsATableOrJson() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/families/", ex -> {
            boolean known = ex.getRequestURI().getRawPath().equals("/families/fam/history");
            byte[] body = (known ? HistoryTablesTest.HISTORY : "{\"error\": \"unknown family nope\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(known ? 200 : 404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Outcome table = run("history", "fam", "--scorer-url", url);
            assertEquals(ExitCodes.OK, table.code(), table.err());
            assertTrue(table.out().startsWith("family fam"), table.out());
            assertTrue(table.out().contains("80 tasks 800 samples  running"), table.out());
            Outcome json = run("history", "fam", "--json", "--scorer-url", url);
            assertEquals(ExitCodes.OK, json.code(), json.err());
            JsonNode o = ScorerClient.JSON.readTree(json.out());
            assertEquals("fam", o.get("family").textValue());
            assertEquals("ckpt-200", o.get("checkpoints").get(1).get("checkpoint").textValue());
            assertEquals(1, json.out().lines().count(), "one object on one line");
            Outcome missing = run("history", "nope", "--scorer-url", url);
            assertEquals(ExitCodes.NOT_FOUND, missing.code());
            assertTrue(missing.err().contains("unknown family nope"), missing.err());
        } finally {
            server.stop(0);
        }
    }

    static CheckpointCommand parse(String... args) {
        CheckpointCommand c = new CheckpointCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
