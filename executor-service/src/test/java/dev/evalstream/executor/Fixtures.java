package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import dev.evalstream.events.Sample;
import dev.evalstream.harness.data.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** HumanEval problems (by HUMANEVAL_DIR) as events, and samples for them. */
final class Fixtures {
    static final String DATASET = "HumanEval-0123abcd";
    static final String RUN = "run-1";

    private Fixtures() {
    }

    static Map<String, dev.evalstream.harness.data.Problem> humanEval() {
        String dir = System.getenv("HUMANEVAL_DIR");
        if (dir == null) {
            throw new IllegalStateException("HUMANEVAL_DIR is not set (the module's surefire configuration sets it)");
        }
        Path file = Path.of(dir, "HumanEval.jsonl.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("HumanEval problems not found at " + file);
        }
        return Problems.read(file);
    }

    static Problem event(dev.evalstream.harness.data.Problem p) {
        return Problem.newBuilder()
                .setDataset(DATASET)
                .setTaskId(p.taskId())
                .setPrompt(p.prompt())
                .setEntryPoint(p.entryPoint())
                .setTest(p.test())
                .setCanonicalSolution(p.canonicalSolution())
                .setContentHash("0".repeat(64))
                .build();
    }

    static Sample.Builder sample(String taskId, int index, String completion) {
        return Sample.newBuilder()
                .setRunId(RUN)
                .setModel("model-a")
                .setDataset(DATASET)
                .setTaskId(taskId)
                .setSampleIndex(index)
                .setCompletion(completion)
                .setSumLogprob(-3.5)
                .setMeanLogprob(-0.25)
                .setPosition(7L)
                .setProducedAt(Instant.now());
    }
}
