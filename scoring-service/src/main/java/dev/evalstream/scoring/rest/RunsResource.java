package dev.evalstream.scoring.rest;

import dev.evalstream.scoring.model.RunScore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;

/** The live tables: runs, their tasks and samples, and models. Thin: queries do the work. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    @Inject
    ScoreQueries queries;

    @GET
    @Path("runs")
    public Response runs() {
        return Answers.of(queries.runs(), "runs", scores -> scores.stream()
                .sorted(Comparator.comparingLong((RunScore s) -> s.run().createdAtMillis())
                        .thenComparing(s -> s.run().runId()))
                .map(Views::run).toList());
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") String id) {
        return Answers.of(queries.run(id), "run " + id, Views::run);
    }

    @GET
    @Path("runs/{id}/tasks")
    public Response tasks(@PathParam("id") String id) {
        QueryResult<RunScore> run = queries.run(id);
        RunScore score = run instanceof QueryResult.Found<RunScore> f ? f.value()
                : run instanceof QueryResult.FoundElsewhere<RunScore> f ? f.value() : null;
        if (score == null) {
            return Answers.of(run, "run " + id, x -> x);
        }
        return Answers.of(queries.tasks(id), "run " + id, tallies -> Views.tasks(tallies, score.run().ks()));
    }

    @GET
    @Path("runs/{id}/samples")
    public Response samples(@PathParam("id") String id) {
        QueryResult<RunScore> run = queries.run(id);
        if (!(run instanceof QueryResult.Found<RunScore>) && !(run instanceof QueryResult.FoundElsewhere<RunScore>)) {
            return Answers.of(run, "run " + id, x -> x);
        }
        return Answers.of(queries.samples(id), "run " + id, Views::samples);
    }

    @GET
    @Path("models")
    public Response models() {
        return Answers.of(queries.runs(), "models", Views::models);
    }

    /** pass@k by temperature across the model's runs, the best temperature per k, log-probability ranking. */
    @GET
    @Path("models/{model}")
    public Response model(@PathParam("model") String model) {
        QueryResult<List<RunScore>> runs = queries.runs();
        if (runs instanceof QueryResult.Found<List<RunScore>> f) {
            runs = QueryResult.found(ModelTables.of(model, f.value()) == null ? null : f.value());
        }
        return Answers.of(runs, "model " + model, scores -> ModelTables.of(model, scores));
    }

}
