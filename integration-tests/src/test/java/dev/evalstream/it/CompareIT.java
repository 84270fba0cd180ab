package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * evalctl compare on the real stack, checked against an independent computation: two runs of the
 * same 40 HumanEval problems (n = 5, B drawn at lower per-task rates than A) go through the
 * pipeline; Debian's python3 then derives each task's c/n from `evalctl results RUN --format
 * humaneval` of each run (the verdicts, not the scorer's tallies), pairs the tasks by task_id and
 * runs scipy.stats.ttest_rel, and compare --json must give the same per-task figures, pass@k,
 * difference, interval and p-value. As a control the same script also pairs the tasks wrongly
 * (B shifted by one task), and that answer must differ: the check can tell a broken pairing.
 */
@ExtendWith(ItStack.class)
class CompareIT {
    private static final int TASKS = 40;
    private static final int N = 5;

    /** scipy's side: c/n per task from the two results files, paired by task_id, then ttest_rel per k. */
    private static final String SCIPY = """
            import json, sys
            from math import comb
            from scipy import stats
            def tallies(path):
                out = {}
                for line in open(path):
                    if line.strip():
                        s = json.loads(line)
                        n, c = out.get(s["task_id"], (0, 0))
                        out[s["task_id"]] = (n + 1, c + (1 if s["passed"] else 0))
                return out
            a, b = tallies(sys.argv[1]), tallies(sys.argv[2])
            ks = [int(k) for k in sys.argv[3].split(",")]
            ids = sorted(set(a) & set(b))
            def est(n, c, k):
                return 1.0 - comb(n - c, k) / comb(n, k)
            def test(pairs, k):
                xa = [est(*pa, k) for pa, pb in pairs]
                xb = [est(*pb, k) for pa, pb in pairs]
                r = stats.ttest_rel(xb, xa)
                ci = r.confidence_interval(0.95)
                return {"a": sum(xa) / len(xa), "b": sum(xb) / len(xb), "delta": sum(xb) / len(xb) - sum(xa) / len(xa),
                        "p_value": float(r.pvalue), "ci_low": float(ci.low), "ci_high": float(ci.high)}
            paired = [(a[t], b[t]) for t in ids]
            shifted = [(a[t], b[ids[(i + 1) % len(ids)]]) for i, t in enumerate(ids)]
            print(json.dumps({
                "tasks": {t: {"a_c": a[t][1], "a_n": a[t][0], "b_c": b[t][1], "b_n": b[t][0]} for t in ids},
                "improved": sorted(t for t in ids if b[t][1] / b[t][0] > a[t][1] / a[t][0]),
                "regressed": sorted(t for t in ids if b[t][1] / b[t][0] < a[t][1] / a[t][0]),
                "pass_at_k": {str(k): test(paired, k) for k in ks},
                "misaligned": {str(k): test(shifted, k) for k in ks}}))
            """;

    @Test
    void compareJsonMatchesScipysPairedTTestOnTheRunsOwnVerdicts() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        List<JsonNode> problems = HumanEvalFiles.problemNodes().subList(0, TASKS);
        Path subset = write("compare-problems-" + suffix + ".jsonl", problems.stream().map(JsonNode::toString).toList());
        Random random = new Random(15);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (JsonNode p : problems) {
            double rate = random.nextDouble();
            a.addAll(samples(p, random, rate));
            b.addAll(samples(p, random, Math.max(0, rate - 0.25)));
        }
        Path samplesA = write("compare-a-" + suffix + ".jsonl", a);
        Path samplesB = write("compare-b-" + suffix + ".jsonl", b);
        String runA = Evalctl.ok("submit", "--problems", subset.toString(), "--samples", samplesA.toString(),
                "--model", "compare-a", "--k", "1,5", "--wait").lastLine();
        String runB = Evalctl.ok("submit", "--problems", subset.toString(), "--samples", samplesB.toString(),
                "--model", "compare-b", "--k", "1,2,5", "--wait").lastLine();

        JsonNode compare = Json.parse(Evalctl.ok("compare", runA, runB, "--json").stdout());
        Path resultsA = write("compare-a-" + suffix + "_results.jsonl", Evalctl.ok("results", runA, "--format", "humaneval").stdout().lines().toList());
        Path resultsB = write("compare-b-" + suffix + "_results.jsonl", Evalctl.ok("results", runB, "--format", "humaneval").stdout().lines().toList());
        JsonNode scipy = scipy(resultsA, resultsB, "1,5");

        assertEquals(runA, compare.get("a").asText());
        assertEquals(runB, compare.get("b").asText());
        assertTrue(compare.get("a_complete").asBoolean() && compare.get("b_complete").asBoolean(), compare.toString());
        assertEquals(TASKS, compare.get("tasks_compared").asInt());
        assertEquals(TASKS, compare.get("tasks").size());
        for (JsonNode t : compare.get("tasks")) {
            String id = t.get("task_id").asText();
            JsonNode s = scipy.get("tasks").get(id);
            String at = id + ": " + t + " vs " + s;
            for (String f : List.of("a_c", "a_n", "b_c", "b_n")) {
                assertEquals(s.get(f).asInt(), t.get(f).asInt(), at);
            }
            assertEquals(s.get("a_c").asDouble() / s.get("a_n").asDouble(), t.get("a").asDouble(), 1e-12, at);
            assertEquals(s.get("b_c").asDouble() / s.get("b_n").asDouble(), t.get("b").asDouble(), 1e-12, at);
        }
        assertEquals(set(scipy.get("improved")), set(compare.get("tasks_improved")));
        assertEquals(set(scipy.get("regressed")), set(compare.get("tasks_regressed")));
        assertEquals(Set.of("1", "5"), names(compare.get("pass_at_k")), "the ks both runs report");
        for (String k : List.of("1", "5")) {
            JsonNode ours = compare.get("pass_at_k").get(k);
            JsonNode theirs = scipy.get("pass_at_k").get(k);
            for (String f : List.of("a", "b", "delta")) {
                assertEquals(theirs.get(f).asDouble(), ours.get(f).asDouble(), 1e-12, "pass@" + k + " " + f + ": " + ours);
            }
            for (String f : List.of("p_value", "ci_low", "ci_high")) {
                assertEquals(theirs.get(f).asDouble(), ours.get(f).asDouble(), 1e-9, "pass@" + k + " " + f + ": " + ours);
            }
            JsonNode wrong = scipy.get("misaligned").get(k);
            assertTrue(Math.abs(wrong.get("p_value").asDouble() - ours.get("p_value").asDouble()) > 1e-6,
                    "control: tasks paired wrongly give another p-value (" + wrong + "), so the check above can fail");
        }
        // B was drawn at lower rates: a drop this test sees, whatever the draw's details
        assertTrue(compare.get("pass_at_k").get("1").get("delta").asDouble() < 0, compare.toString());
        assertTrue(compare.get("pass_at_k").get("1").get("p_value").asDouble() < 0.05, compare.toString());
        String table = Evalctl.ok("compare", runA, runB).stdout();
        assertTrue(table.contains("B worse than A (p="), table);
        // what the README shows: the real output of both forms
        System.out.println("$ evalctl compare " + runA + " " + runB + "\n" + table);
        System.out.println("$ evalctl compare " + runA + " " + runB + " --json\n" + compare);

        // runs that cannot be compared, and runs that do not exist
        Path other = write("compare-other-" + suffix + ".jsonl", problems.subList(0, 3).stream().map(JsonNode::toString).toList());
        Path otherSamples = write("compare-other-samples-" + suffix + ".jsonl", problems.subList(0, 3).stream()
                .map(p -> sample(p, "    return None\n")).toList());
        String otherRun = Evalctl.ok("submit", "--problems", other.toString(), "--samples", otherSamples.toString(),
                "--model", "compare-other", "--k", "1", "--wait").lastLine();
        Evalctl.Run conflict = Evalctl.run("compare", runA, otherRun);
        assertEquals(8, conflict.exitCode(), conflict.stderr());
        String datasetA = Scorer.get("/runs/" + runA).get("dataset").asText();
        String datasetOther = Scorer.get("/runs/" + otherRun).get("dataset").asText();
        assertTrue(conflict.stderr().contains("different datasets (" + datasetA + " and " + datasetOther + ")"),
                conflict.stderr());
        Evalctl.Run unknown = Evalctl.run("compare", runA, "no-such-run-" + suffix);
        assertEquals(5, unknown.exitCode(), unknown.stderr());
        assertTrue(unknown.stderr().contains("unknown run no-such-run-" + suffix), unknown.stderr());
    }

    /** N samples of one problem, each passing with the given rate: the canonical solution, or a wrong or raising body. */
    private static List<String> samples(JsonNode problem, Random random, double rate) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String completion = random.nextDouble() < rate ? problem.get("canonical_solution").asText()
                    : random.nextBoolean() ? "    return None\n" : "    raise ValueError('compare')\n";
            out.add(sample(problem, completion));
        }
        return out;
    }

    private static String sample(JsonNode problem, String completion) {
        return Json.MAPPER.createObjectNode().put("task_id", problem.get("task_id").asText()).put("completion", completion).toString();
    }

    private static JsonNode scipy(Path a, Path b, String ks) throws IOException, InterruptedException {
        Path script = Files.writeString(ItStack.itDir().resolve("compare_scipy.py"), SCIPY);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), a.toString(), b.toString(), ks)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "Debian's python3 with python3-scipy (bin/setup installs it) failed:\n" + out);
        return Json.parse(out);
    }

    private static Path write(String name, List<String> lines) {
        try {
            return Files.writeString(ItStack.itDir().resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> set(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Set<String> names(JsonNode o) {
        Set<String> out = new HashSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
