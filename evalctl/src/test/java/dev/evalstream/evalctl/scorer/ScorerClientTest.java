package dev.evalstream.evalctl.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.render.HistoryTablesTest;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.render.RunTablesTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scorer is another service: a small in-JVM HTTP server stands in for it at the HTTP boundary. */
class ScorerClientTest {
    HttpServer server;
    String base;
    final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/runs/busy", ex -> {
            int n = calls.incrementAndGet();
            if (n < 3) {
                ex.getResponseHeaders().add("Retry-After", "0");
                reply(ex, 503, "{\"error\": \"rebalancing\"}");
            } else {
                reply(ex, 200, RunTablesTest.RUN_VIEW);
            }
        });
        // the shape the scorer answers: each model with its runs as full views, oldest first
        server.createContext("/models", ex -> reply(ex, 200,
                "[{\"model\": \"m\", \"runs\": [" + RunTablesTest.RUN_VIEW + "], \"latest\": " + RunTablesTest.RUN_VIEW + "}]"));
        server.createContext("/runs/r1/tasks", ex -> reply(ex, 200,
                "[{\"task_id\": \"a/1\", \"n\": 4, \"c\": 3, \"errors\": 1, \"samples_lost\": 2, \"pass_at_k\": {\"1\": 0.75}}]"));
        server.createContext("/runs/nope", ex -> reply(ex, 404, "{\"error\": \"unknown run nope\"}"));
        server.createContext("/runs/r1/samples", ex -> reply(ex, 200,
                "[{\"task_id\": \"a\", \"sample_index\": 0, \"position\": 0, \"outcome\": \"PASSED\", \"passed\": true, \"result\": \"passed\"},"
                        + "{\"task_id\": \"a\", \"sample_index\": 1, \"position\": 1, \"outcome\": \"TIMED_OUT\", \"passed\": false, \"result\": \"timed out\"}]"));
        server.createContext("/runs/growing", ex -> {
            int n = calls.incrementAndGet();
            reply(ex, 200, RunTablesTest.RUN_VIEW.replace("\"samples_scored\": 32000", "\"samples_scored\": " + (32000 + 400 * n))
                    .replace("\"complete\": false", "\"complete\": " + (n >= 2)));
        });
        // the raw path: a family name is one path segment, its '/' encoded
        server.createContext("/families/", ex -> {
            switch (ex.getRequestURI().getRawPath()) {
                case "/families/fam%2Fx/history" -> reply(ex, 200, HistoryTablesTest.HISTORY);
                default -> reply(ex, 404, "{\"error\": \"unknown family ghost\"}");
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsARunsTasks() {
        List<TaskView> tasks = new ScorerClient(base).tasks("r1");
        assertEquals(List.of(new TaskView("a/1", 4, 3, 1, 2, java.util.Map.of("1", 0.75))), tasks);
    }

    @Test
    void readsModelsWithTheirRuns() {
        List<ModelView> models = new ScorerClient(base).models();
        assertEquals(1, models.size());
        assertEquals("m", models.get(0).model());
        assertEquals(1, models.get(0).runs().size());
        assertEquals(models.get(0).latest().runId(), models.get(0).runs().get(0).runId());
        assertTrue(RunTables.modelsTable(models).contains(models.get(0).latest().runId()));
    }

    @Test
    void retries503ThenReadsTheRunView() {
        RunView view = new ScorerClient(base).run("busy");
        assertEquals(3, calls.get());
        assertEquals(164, view.tasksTotal());
        assertEquals(0.4681, view.passAtK().get("10"));
    }

    @Test
    void unknownRunIsNotFoundWithTheScorersMessage() {
        EvalctlException e = assertThrows(EvalctlException.class, () -> new ScorerClient(base).run("nope"));
        assertEquals(ExitCodes.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("unknown run nope"), e.getMessage());
    }

    @Test
    void unreachableScorerIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EvalctlException e = assertThrows(EvalctlException.class, () -> new ScorerClient("http://127.0.0.1:" + port).models());
        assertEquals(ExitCodes.UNAVAILABLE, e.exitCode());
    }

    @Test
    void samplesInOrder() {
        List<SampleVerdict> v = new ScorerClient(base + "/").samples("r1");
        assertEquals(2, v.size());
        assertEquals("timed out", v.get(1).result());
        assertEquals(1L, v.get(1).position());
    }

    @Test
    void waiterReportsChangesUntilComplete() {
        List<Long> seen = new ArrayList<>();
        RunView done = new RunWaiter(new ScorerClient(base), Duration.ofMillis(10))
                .await("growing", Duration.ofSeconds(10), (view, rate) -> seen.add(view.samplesScored()));
        assertTrue(done.complete());
        assertEquals(List.of(32400L, 32800L), seen);
    }

    @Test
    void waiterTimesOutOnARunThatNeverAppears() {
        EvalctlException e = assertThrows(EvalctlException.class, () -> new RunWaiter(new ScorerClient(base), Duration.ofMillis(10))
                .await("nope", Duration.ofMillis(200), (view, rate) -> { }));
        assertEquals(ExitCodes.TIMEOUT, e.exitCode());
        assertTrue(e.getMessage().contains("has not seen it yet"), e.getMessage());
    }

    @Test
    void readsAFamilysHistoryWithTheNameEncodedInThePath() {
        HistoryView h = new ScorerClient(base).history("fam/x");
        assertEquals("fam", h.family());
        assertEquals(List.of("ckpt-100", "ckpt-200", "ckpt-nostep"), h.checkpoints().stream().map(HistoryView.CheckpointRuns::checkpoint).toList());
        assertEquals(100L, h.checkpoints().get(0).step());
        assertEquals(null, h.checkpoints().get(2).step());
        HistoryView.PlannedRun run = h.checkpoints().get(1).runs().get(0);
        assertEquals("fam-ckpt-200-he-n10-0123456789ab", run.runId());
        assertEquals("he-n10", run.plan());
        assertEquals(false, run.complete());
        assertEquals(80, run.tasksScored());
        assertEquals(800L, run.samplesScored());
        assertEquals(0.5, run.passAtK().get("1"));
        assertEquals(0.03, run.standardError().get("1"));
    }

    @Test
    void unknownFamilyIsNotFoundWithTheScorersMessage() {
        EvalctlException e = assertThrows(EvalctlException.class, () -> new ScorerClient(base).history("ghost"));
        assertEquals(ExitCodes.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("unknown family ghost"), e.getMessage());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
