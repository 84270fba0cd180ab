package dev.evalstream.scoring.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class AnswersTest {
    @Test
    void mapsEachKindOfResult() {
        assertEquals(200, Answers.of(new QueryResult.Found<>("x"), "run", v -> v).getStatus());
        Response elsewhere = Answers.of(new QueryResult.FoundElsewhere<>("x", "h:1"), "run", v -> v);
        assertEquals(200, elsewhere.getStatus());
        assertEquals("h:1", elsewhere.getHeaderString("X-Evalstream-Served-By"));
        Response missing = Answers.of(new QueryResult.NotFound<String>(), "run r", v -> v);
        assertEquals(404, missing.getStatus());
        assertEquals(new ErrorView("unknown run r"), missing.getEntity());
        Response busy = Answers.of(new QueryResult.NotReady<String>("rebalancing"), "run", v -> v);
        assertEquals(503, busy.getStatus());
        assertEquals("1", busy.getHeaderString("Retry-After"));
    }
}
