package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HumanEval+ through the real stack: a few of its problems in evalplus's format with right, wrong and
 * base-only-right samples (a real model's completion that passes HumanEval's tests but not HumanEval+'s)
 * go in through submit --samples; the scorer's base and plus figures equal `check --json`'s on the same
 * files (the same sandbox without Kafka), and runs without extra tests have no plus figure.
 */
@ExtendWith(ItStack.class)
class PlusPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MIRROR = Path.of(System.getenv("EVALSTREAM_DATASET_MIRROR"));
    private static final int TASKS = 4;

    static List<JsonNode> lines(Path file, int limit) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        var in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; out.size() < limit && (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** One samples file submitted through the stack (its run, `passk --json`) and given to `check --json`. */
    record Figures(String run, JsonNode streamed, JsonNode checked) {
        static Figures of(Path problems, Path samples, String model, String ks) {
            String run = Evalctl.ok("submit", "--problems", problems.toString(), "--samples", samples.toString(),
                    "--model", model, "--k", ks, "--wait").lastLine();
            return new Figures(run, Json.parse(Evalctl.ok("passk", run, "--json").stdout()),
                    Json.parse(Evalctl.ok("check", "--problems", problems.toString(), "--samples", samples.toString(),
                            "--k", ks, "--json").stdout()));
        }
    }

    @Test
    void baseAndPlusFiguresThroughTheStackEqualChecksOnTheSameFiles() throws IOException {
        List<JsonNode> problems = lines(MIRROR.resolve("humanevalplus/HumanEvalPlus.jsonl.gz"), TASKS);
        Path subset = ItStack.itDir().resolve("humanevalplus-" + TASKS + ".jsonl");
        Files.write(subset, problems.stream().map(JsonNode::toString).toList());
        Map<String, String> model = new LinkedHashMap<>(); // codellama's HumanEval/0 passes base, fails plus
        for (JsonNode s : lines(MIRROR.resolve("samples/humaneval-codellama.jsonl"), Integer.MAX_VALUE)) {
            model.putIfAbsent(s.get("task_id").asText(), s.get("completion").asText());
        }
        List<String> samples = new ArrayList<>();
        for (JsonNode p : problems) {
            String task = p.get("task_id").asText();
            for (String c : List.of(p.get("canonical_solution").asText(), model.get(task), "    return None\n")) {
                samples.add(JSON.createObjectNode().put("task_id", task).put("completion", c).toString());
            }
        }
        Path samplesFile = Files.write(ItStack.itDir().resolve("humanevalplus-samples.jsonl"), samples);

        Figures figures = Figures.of(subset, samplesFile, "plus-mixed", "1,3");
        String run = figures.run();
        JsonNode passk = figures.streamed();
        JsonNode local = figures.checked();
        assertEquals(TASKS, passk.get("tasks_scored").asInt());
        assertEquals(3L * TASKS, passk.get("samples_scored").asLong());
        for (String k : List.of("1", "3")) {
            assertEquals(local.get("pass_at_k").get(k).asDouble(), passk.get("pass_at_k").get(k).asDouble(), 1e-12, "pass@" + k);
            assertEquals(local.get("plus_pass_at_k").get(k).asDouble(), passk.get("plus_pass_at_k").get(k).asDouble(), 1e-12,
                    "plus pass@" + k);
        }
        assertTrue(passk.get("plus_pass_at_k").get("1").asDouble() < passk.get("pass_at_k").get("1").asDouble(),
                "the extra tests catch what the base tests miss: " + passk);

        // per sample: the plus verdict and evalplus's failing inputs, as results --format evalplus needs them
        JsonNode verdicts = Scorer.get("/runs/" + run + "/samples");
        JsonNode baseOnly = null;
        for (JsonNode v : verdicts) {
            assertTrue(v.has("plus_outcome"), v.toString());
            if (v.get("task_id").asText().equals("HumanEval/0") && v.get("sample_index").asInt() == 1) {
                baseOnly = v;
            }
        }
        assertEquals("PASSED", baseOnly.get("outcome").asText());
        assertEquals("FAILED", baseOnly.get("plus_outcome").asText());
        assertTrue(Json.parse(baseOnly.get("plus_fail_tests").asText()).size() == 1, baseOnly.toString());

        // evalplus's eval_results.json from the streamed run, matching check's own file on the same samples
        JsonNode streamed = Json.parse(Evalctl.ok("results", run, "--format", "evalplus").stdout());
        JsonNode checked = Json.parse(Files.readString(ItStack.itDir().resolve("humanevalplus-samples.eval_results.json")));
        assertEquals(TASKS, streamed.get("eval").size());
        for (JsonNode p : problems) {
            String task = p.get("task_id").asText();
            for (int i = 0; i < 3; i++) {
                for (String field : List.of("solution", "base_status", "plus_status", "base_fail_tests", "plus_fail_tests")) {
                    assertEquals(checked.get("eval").get(task).get(i).get(field), streamed.get("eval").get(task).get(i).get(field),
                            task + " sample " + i + " " + field);
                }
            }
        }
        assertEquals("pass", streamed.get("eval").get("HumanEval/0").get(1).get("base_status").asText());
        assertEquals("fail", streamed.get("eval").get("HumanEval/0").get(1).get("plus_status").asText());

        // a set without extra tests has no plus figure (absent, not zero)
        Path plain = ItStack.itDir().resolve("humaneval-2.jsonl");
        Files.write(plain, HumanEvalFiles.problemNodes().stream().limit(2).map(JsonNode::toString).toList());
        Path plainSamples = Files.write(ItStack.itDir().resolve("humaneval-2-samples.jsonl"), HumanEvalFiles.problemNodes()
                .stream().limit(2).map(p -> JSON.createObjectNode().put("task_id", p.get("task_id").asText())
                        .put("completion", p.get("canonical_solution").asText()).toString()).toList());
        String plainRun = Evalctl.ok("submit", "--problems", plain.toString(), "--samples", plainSamples.toString(),
                "--k", "1", "--wait").lastLine();
        JsonNode plainPassk = Json.parse(Evalctl.ok("passk", plainRun, "--json").stdout());
        assertEquals(1.0, plainPassk.get("pass_at_k").get("1").asDouble());
        assertNull(plainPassk.get("plus_pass_at_k"), plainPassk.toString());
    }

    /**
     * MBPP+ samples carrying evalplus's whole-program "solution": its canonical solutions without their leading
     * newline, so that appended to the docstring-only prompt they would be a syntax error, plus a wrong one per task.
     */
    @Test
    void wholeProgramSolutionsRunWithoutThePromptOnTheStreamAsInCheck() throws IOException {
        List<JsonNode> problems = lines(MIRROR.resolve("mbpp/MbppPlus-pre.jsonl.gz"), 3);
        Path subset = Files.write(ItStack.itDir().resolve("mbppplus-3.jsonl"), problems.stream().map(JsonNode::toString).toList());
        List<String> samples = new ArrayList<>();
        for (JsonNode p : problems) {
            String task = p.get("task_id").asText();
            samples.add(JSON.createObjectNode().put("task_id", task)
                    .put("solution", p.get("canonical_solution").asText().strip() + "\n").toString());
            samples.add(JSON.createObjectNode().put("task_id", task)
                    .put("solution", "def " + p.get("entry_point").asText() + "(*args):\n    return None\n").toString());
        }
        Path samplesFile = Files.write(ItStack.itDir().resolve("mbppplus-3-samples.jsonl"), samples);

        Figures figures = Figures.of(subset, samplesFile, "mbpp-solutions", "1");
        JsonNode passk = figures.streamed();
        JsonNode local = figures.checked();
        assertEquals(0.5, local.get("pass_at_k").get("1").asDouble(), "check: each canonical solution passes: " + local);
        assertEquals(local.get("pass_at_k").get("1").asDouble(), passk.get("pass_at_k").get("1").asDouble(), 1e-12, passk.toString());
        assertEquals(local.get("plus_pass_at_k").get("1").asDouble(), passk.get("plus_pass_at_k").get("1").asDouble(), 1e-12,
                passk.toString());
        JsonNode streamed = Json.parse(Evalctl.ok("results", figures.run(), "--format", "evalplus").stdout());
        JsonNode first = streamed.get("eval").get(problems.get(0).get("task_id").asText()).get(0);
        assertEquals(JSON.readTree(samples.get(0)).get("solution").asText(), first.get("solution").asText(), "the program that ran is the solution, without the prompt");
    }

    @Test
    void aCatalogNameIsResolvedVerifiedAndAddedUnderItsFullName() {
        Evalctl.Run added = Evalctl.ok("datasets", "add", "mbpp");
        assertTrue(added.stdout().matches("(?s)dataset mbpp@sanitized: mbpp_sanitized-[0-9a-f]{64} \\(427 problems\\) added\\s*"),
                added.stdout());
        JsonNode catalog = Json.parse(Evalctl.ok("datasets", "--json").stdout());
        JsonNode entry = null;
        for (JsonNode e : catalog) {
            if (e.get("name").asText().equals("mbpp@sanitized")) {
                entry = e;
            }
        }
        assertEquals(427, entry.get("problem_count").asInt());
        assertEquals("humaneval", entry.get("format").asText());
        Evalctl.Run unknown = Evalctl.run("datasets", "add", "mbpp+@v9");
        assertEquals(5, unknown.exitCode(), unknown.stderr());
        assertTrue(unknown.stderr().contains("dataset mbpp+ has no version \"v9\"; known versions: v0.2.0, pre"), unknown.stderr());
    }
}
