package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.alerts.AlertView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The regression alerts (what evalctl alerts --json prints), in time order, of every family or
 * of one: a JSON array of {family, plan, checkpoint, baseline, run_id, baseline_run_id, k, value,
 * baseline_value, delta, p_value, tasks_regressed, at}. Any instance answers: each keeps every
 * alert. While its store is not ready: 503 with Retry-After.
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {
    @Inject
    ScoreQueries queries;

    @GET
    public Response alerts(@QueryParam("family") String family) {
        return Answers.of(queries.alerts(), "alerts", (List<AlertView> all) -> AlertView.inTimeOrder(all, family));
    }
}
