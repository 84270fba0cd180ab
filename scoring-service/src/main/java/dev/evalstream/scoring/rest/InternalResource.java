package dev.evalstream.scoring.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What one instance holds locally, for its peers to merge. Answers in the scorer's own
 * transfer form (the store values as JSON), never routed further, so requests cannot loop.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {
    @Inject
    ScoreQueries queries;

    @GET
    @Path("runs")
    public Response runs() {
        return Answers.of(queries.localRuns(), "runs", x -> x);
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") String id) {
        return Answers.of(queries.localRun(id), "run " + id, x -> x);
    }

    @GET
    @Path("runs/{id}/tasks")
    public Response tasks(@PathParam("id") String id) {
        return Answers.of(queries.localTasks(id), "run " + id, x -> x);
    }

    @GET
    @Path("runs/{id}/samples")
    public Response samples(@PathParam("id") String id) {
        return Answers.of(queries.localSamples(id), "run " + id, x -> x);
    }

    @GET
    @Path("families/{family}/checkpoints")
    public Response checkpoints(@PathParam("family") String family) {
        return Answers.of(queries.localCheckpoints(family), "family " + family, x -> x);
    }
}
