package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunScore;
import dev.evalstream.scoring.model.TaskTally;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Run B against run A task by task (evalctl compare A B): both runs' tables and task tallies from
 * wherever they live, then Comparisons. 404 for an unknown run, 409 for runs that cannot be
 * compared (different datasets, no task scored in both yet), 503 with Retry-After while the
 * stores rebalance. Incomplete runs are compared as they stand; the answer says so.
 */
@Path("/compare")
@Produces(MediaType.APPLICATION_JSON)
@Startup // checks its setting when the scorer starts, not at the first request
public class CompareResource {
    @Inject
    ScoreQueries queries;

    @ConfigProperty(name = "evalstream.compare.confidence", defaultValue = "0.95")
    double confidence;

    @PostConstruct
    void checkConfidence() {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("evalstream.compare.confidence must be between 0 and 1 (exclusive), got "
                    + confidence);
        }
    }

    @GET
    public Response compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        if (a == null || a.isBlank() || b == null || b.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorView("give both runs: /compare?a=RUN_A&b=RUN_B")).build();
        }
        QueryResult<RunScore> runA = queries.run(a);
        Optional<RunScore> scoreA = runA.present();
        if (scoreA.isEmpty()) {
            return Answers.of(runA, "run " + a, x -> x);
        }
        QueryResult<RunScore> runB = queries.run(b);
        Optional<RunScore> scoreB = runB.present();
        if (scoreB.isEmpty()) {
            return Answers.of(runB, "run " + b, x -> x);
        }
        QueryResult<List<TaskTally>> tasksA = queries.tasks(a);
        QueryResult<List<TaskTally>> tasksB = queries.tasks(b);
        if (tasksA.present().isEmpty() || tasksB.present().isEmpty()) {
            return Answers.of(tasksA.present().isEmpty() ? tasksA : tasksB, "tasks of runs " + a + " and " + b, x -> x);
        }
        Comparisons.Outcome outcome = Comparisons.of(scoreA.get(), tasksA.present().get(), scoreB.get(),
                tasksB.present().get(), confidence);
        if (outcome instanceof Comparisons.Outcome.Refused r) {
            return Response.status(Response.Status.CONFLICT).entity(new ErrorView(r.reason())).build();
        }
        return Response.ok(((Comparisons.Outcome.Compared) outcome).view()).build();
    }
}
