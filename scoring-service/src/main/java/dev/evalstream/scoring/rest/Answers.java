package dev.evalstream.scoring.rest;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** Maps a query result to HTTP: 200 with the view, 404, or 503 with Retry-After during a rebalance. */
final class Answers {
    static final String RETRY_AFTER_SECONDS = "1";

    private Answers() {
    }

    static <T, V> Response of(QueryResult<T> result, String what, Function<T, V> view) {
        if (result instanceof QueryResult.Found<T> f) {
            return Response.ok(view.apply(f.value())).build();
        }
        if (result instanceof QueryResult.FoundElsewhere<T> f) {
            return Response.ok(view.apply(f.value())).header("X-Evalstream-Served-By", f.host()).build();
        }
        if (result instanceof QueryResult.NotReady<T> n) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new ErrorView("not ready: " + n.reason())).build();
        }
        return Response.status(Response.Status.NOT_FOUND).entity(new ErrorView("unknown " + what)).build();
    }
}
