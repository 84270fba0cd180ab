package dev.evalstream.evalctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.commands.CliInputTest.Outcome;
import dev.evalstream.evalctl.render.CompareTablesTest;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** evalctl compare against a stand-in scorer at the HTTP boundary: its output and its exit codes. */
class CompareCommandTest {
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/compare", ex -> {
            String query = ex.getRequestURI().getRawQuery();
            int status;
            String body;
            switch (query) {
                case "a=run-a&b=run-b" -> {
                    status = 200;
                    body = CompareTablesTest.COMPARE;
                }
                case "a=run-a&b=run%2Fother" -> {
                    status = 409;
                    body = "{\"error\": \"runs run-a and run/other are on different datasets (ds-1 and ds-2): only runs of one dataset answer the same tasks\"}";
                }
                default -> {
                    status = 404;
                    body = "{\"error\": \"unknown run ghost\"}";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void printsTheComparisonAsATableOrAsOneJsonObject() throws Exception {
        Outcome table = CliInputTest.run("compare", "run-a", "run-b", "--scorer-url", url);
        assertEquals(ExitCodes.OK, table.code(), table.err());
        assertTrue(table.out().startsWith("A run-a  complete"), table.out());
        assertTrue(table.out().contains("B worse than A (p=0.003)"), table.out());
        Outcome json = CliInputTest.run("compare", "run-a", "run-b", "--json", "--scorer-url", url);
        assertEquals(ExitCodes.OK, json.code(), json.err());
        assertEquals(1, json.out().lines().count(), "one object on one line");
        JsonNode o = ScorerClient.JSON.readTree(json.out());
        assertEquals("run-b", o.get("b").textValue());
        assertEquals(-0.2, o.get("pass_at_k").get("1").get("delta").doubleValue());
    }

    @Test
    void anUnknownRunIsNotFoundAndIncomparableRunsAConflictNamingTheDatasets() {
        Outcome missing = CliInputTest.run("compare", "run-a", "ghost", "--scorer-url", url);
        assertEquals(ExitCodes.NOT_FOUND, missing.code());
        assertTrue(missing.err().contains("unknown run ghost"), missing.err());
        assertEquals("", missing.out());
        Outcome other = CliInputTest.run("compare", "run-a", "run/other", "--scorer-url", url);
        assertEquals(ExitCodes.CONFLICT, other.code(), other.err());
        assertTrue(other.err().startsWith("evalctl compare: runs run-a and run/other are on different datasets (ds-1 and ds-2)"),
                other.err());
        assertEquals(ExitCodes.USAGE, CliInputTest.run("compare", "run-a", "--scorer-url", url).code(), "two runs are needed");
    }

    @Test
    void helpShowsTheShape() {
        Outcome help = CliInputTest.run("compare", "--help");
        assertEquals(ExitCodes.OK, help.code());
        for (String w : List.of("Usage: evalctl compare", "RUN_A RUN_B", "--json")) {
            assertTrue(help.out().contains(w), help.out());
        }
        assertTrue(CliInputTest.run("--help").out().lines().anyMatch(l -> l.trim().startsWith("compare ")));
    }
}
