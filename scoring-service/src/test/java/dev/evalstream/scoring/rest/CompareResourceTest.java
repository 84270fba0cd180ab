package dev.evalstream.scoring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.TaskTally;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /compare's answers for each kind of query result, with the queries stubbed at their boundary. */
class CompareResourceTest {
    /** Runs "a" and "b" (ComparisonsTest's), "x" on another dataset, "busy" whose tasks are rebalancing. */
    static final class StubQueries extends ScoreQueries {
        final Map<String, RunScore> runs = Map.of(
                "a", ComparisonsTest.score("a", "ds", List.of(1, 2), 20, ComparisonsTest.A),
                "b", ComparisonsTest.score("b", "ds", List.of(1, 2), 24, ComparisonsTest.B),
                "x", ComparisonsTest.score("x", "other-ds", List.of(1), 4, List.of()),
                "busy", ComparisonsTest.score("busy", "ds", List.of(1), 4, List.of()));

        @Override
        public QueryResult<RunScore> run(String runId) {
            return runId.equals("b") ? new QueryResult.FoundElsewhere<>(runs.get("b"), "peer:1") : QueryResult.found(runs.get(runId));
        }

        @Override
        public QueryResult<List<TaskTally>> tasks(String runId) {
            return switch (runId) {
                case "a" -> QueryResult.found(ComparisonsTest.A);
                case "b" -> QueryResult.found(ComparisonsTest.B);
                case "busy" -> new QueryResult.NotReady<>("rebalancing");
                default -> QueryResult.found(List.of());
            };
        }
    }

    static CompareResource resource(double confidence) {
        CompareResource r = new CompareResource();
        r.queries = new StubQueries();
        r.confidence = confidence;
        r.checkConfidence();
        return r;
    }

    @Test
    void comparesTwoKnownRunsWhereverTheyLive() {
        Response ok = resource(0.95).compare("a", "b");
        assertEquals(200, ok.getStatus());
        CompareView v = assertInstanceOf(CompareView.class, ok.getEntity());
        assertEquals("a", v.a());
        assertEquals("b", v.b());
        assertEquals(4, v.tasksCompared());
        assertEquals(0.590801208053989, v.passAtK().get("1").pValue(), 1e-9);
    }

    @Test
    void answersUnknownRunsIncomparableRunsAndRebalancingClearly() {
        CompareResource r = resource(0.95);
        Response unknown = r.compare("a", "nope");
        assertEquals(404, unknown.getStatus());
        assertEquals(new ErrorView("unknown run nope"), unknown.getEntity());
        assertEquals(404, r.compare("ghost", "b").getStatus());
        Response other = r.compare("a", "x");
        assertEquals(409, other.getStatus());
        assertTrue(((ErrorView) other.getEntity()).error().contains("different datasets (ds and other-ds)"), other.getEntity().toString());
        Response busy = r.compare("busy", "a");
        assertEquals(503, busy.getStatus());
        assertEquals("1", busy.getHeaderString("Retry-After"));
        assertEquals(400, r.compare("a", null).getStatus());
        assertEquals(400, r.compare(" ", "b").getStatus());
    }

    @Test
    void refusesAConfidenceLevelOutsideZeroToOneAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resource(95));
        assertTrue(e.getMessage().contains("evalstream.compare.confidence"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> resource(0));
    }
}
