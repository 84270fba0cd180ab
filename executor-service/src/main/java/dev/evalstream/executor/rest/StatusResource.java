package dev.evalstream.executor.rest;

import dev.evalstream.events.Outcome;
import dev.evalstream.executor.ExecutorStats;
import dev.evalstream.executor.problems.ProblemFeed;
import dev.evalstream.harness.Evaluator;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /status: what this executor instance has done so far (JSON, snake_case). */
@Path("/status")
public class StatusResource {

    /** The answer, made for a reader. */
    public record Status(String instance, int slots, long inFlight, long received, long passed, long failed,
                         long timedOut, long errors, long retries, long deadLetters, int problemsKnown,
                         boolean catalogLoaded) {
    }

    @Inject
    @Named("instanceId")
    String instanceId;

    @Inject
    ExecutorStats stats;

    @Inject
    ProblemFeed feed;

    @Inject
    Evaluator evaluator;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        return new Status(instanceId, evaluator.slots(), stats.inFlight(), stats.received(),
                stats.results(Outcome.PASSED), stats.results(Outcome.FAILED), stats.results(Outcome.TIMED_OUT),
                stats.results(Outcome.ERROR), stats.retries(), stats.deadLetters(), feed.size(), feed.loaded());
    }
}
