package dev.evalstream.scoring.rest;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Live table changes as server-sent events, one RunView per change. Changes come from the
 * runs this instance holds; behind several instances, use a sticky route or one per client.
 */
@Path("/")
public class EventsResource {
    @Inject
    ScoreEvents events;

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunView> all() {
        return events.stream();
    }

    @GET
    @Path("runs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunView> run(@PathParam("id") String id) {
        return events.stream().filter(v -> v.runId().equals(id));
    }
}
