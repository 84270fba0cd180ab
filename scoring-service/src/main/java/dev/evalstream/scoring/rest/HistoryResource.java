package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.planning.CheckpointInfo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A family's history (evalctl history FAMILY): its checkpoints from the instance holding the
 * family's partition, its runs from every instance, merged. A family nobody has published
 * anything for has an empty history (200), not a 404: a family is only a name plans and
 * checkpoints share. While the stores rebalance: 503 with Retry-After, never a partial history.
 */
@Path("/families")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {
    @Inject
    ScoreQueries queries;

    @GET
    @Path("{family}/history")
    public Response history(@PathParam("family") String family) {
        QueryResult<List<CheckpointInfo>> checkpoints = queries.checkpoints(family);
        List<CheckpointInfo> found = checkpoints instanceof QueryResult.Found<List<CheckpointInfo>> f ? f.value()
                : checkpoints instanceof QueryResult.FoundElsewhere<List<CheckpointInfo>> f ? f.value()
                : checkpoints instanceof QueryResult.NotFound<List<CheckpointInfo>> ? List.of() : null;
        if (found == null) {
            return Answers.of(checkpoints, "family " + family, x -> x);
        }
        return Answers.of(queries.runs(), "family " + family, (List<RunScore> runs) -> Histories.of(family, found, runs));
    }
}
