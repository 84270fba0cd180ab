package dev.evalstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Prompt;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sample;
import dev.evalstream.events.Sampling;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules every service applies to the events it reads; the services' own tests rely on these. */
class EventChecksTest {

    static Sample.Builder sample() {
        return Sample.newBuilder().setRunId("run-1").setModel("m").setDataset("ds").setTaskId("HumanEval/0")
                .setSampleIndex(0).setCompletion("    return 1").setProducedAt(Instant.EPOCH);
    }

    static Result.Builder result() {
        return Result.newBuilder().setRunId("run-1").setModel("m").setDataset("ds").setTaskId("HumanEval/0")
                .setSampleIndex(0).setOutcome(Outcome.PASSED).setCompletedAt(Instant.EPOCH);
    }

    static Prompt.Builder prompt() {
        return Prompt.newBuilder().setRunId("run-1").setModel("m").setDataset("ds").setTaskId("HumanEval/0")
                .setPrompt("def f():\n").setSampling(Sampling.newBuilder().build()).setBackend("replay")
                .setSampleStart(0).setSampleEnd(2);
    }

    static Run.Builder run() {
        return Run.newBuilder().setRunId("run-1").setModel("m").setDataset("ds").setBackend("samples")
                .setSampling(Sampling.newBuilder().build()).setN(1).setKs(List.of(1)).setProblemCount(1)
                .setSamplesTotal(1L).setCreatedAt(Instant.EPOCH);
    }

    @Test
    void aRunIdIsNonBlankAndFreeOfTheKeySeparator() {
        assertEquals(Optional.empty(), EventChecks.runId("ok-1.2_x"));
        assertEquals(Optional.of("missing field run_id"), EventChecks.runId(""));
        assertEquals(Optional.of("missing field run_id"), EventChecks.runId(" "));
        assertEquals(Optional.of("missing field run_id"), EventChecks.runId(null));
        assertEquals(Optional.of("run_id 'a|b' contains '|'"), EventChecks.runId("a|b"));
    }

    @Test
    void samplesAndResultsNeedTheSameIdentity() {
        assertEquals(Optional.empty(), EventChecks.sample(sample().build()));
        assertEquals(Optional.empty(), EventChecks.result(result().build()));
        Map<String, String> bad = Map.of(
                "run_id", "run_id 'r|1' contains '|'",
                "dataset", "missing field dataset",
                "task_id", "missing field task_id",
                "sample_index", "sample_index -1 is negative");
        bad.forEach((field, reason) -> {
            Sample.Builder s = sample();
            Result.Builder r = result();
            switch (field) {
                case "run_id" -> { s.setRunId("r|1"); r.setRunId("r|1"); }
                case "dataset" -> { s.setDataset(""); r.setDataset(""); }
                case "task_id" -> { s.setTaskId(" "); r.setTaskId(" "); }
                default -> { s.setSampleIndex(-1); r.setSampleIndex(-1); }
            }
            assertEquals(Optional.of(reason), EventChecks.sample(s.build()), field);
            assertEquals(Optional.of(reason), EventChecks.result(r.build()), field);
        });
    }

    @Test
    void aResultPassesWhateverTheSampleItCameFromPassed() {
        Sample s = sample().setRunId("planned-run:ckpt-7").setTaskId("Mbpp/2|x").setSampleIndex(199).build();
        Result r = result().setRunId(s.getRunId()).setDataset(s.getDataset()).setTaskId(s.getTaskId())
                .setSampleIndex(s.getSampleIndex()).build();
        assertEquals(Optional.empty(), EventChecks.sample(s));
        assertEquals(Optional.empty(), EventChecks.result(r), "task ids may hold the separator: keys split on the first");
    }

    @Test
    void aPromptNeedsTheIdentityOfItsSamplesAndANonEmptyRange() {
        assertEquals(Optional.empty(), EventChecks.prompt(prompt().build()));
        assertEquals(Optional.of("run_id 'a|b' contains '|'"), EventChecks.prompt(prompt().setRunId("a|b").build()));
        assertEquals(Optional.of("missing field dataset"), EventChecks.prompt(prompt().setDataset("").build()));
        assertEquals(Optional.of("missing field task_id"), EventChecks.prompt(prompt().setTaskId("").build()));
        assertEquals(Optional.of("sample_start -1 is negative"),
                EventChecks.prompt(prompt().setSampleStart(-1).build()));
        assertEquals(Optional.of("empty sample range [3, 3)"),
                EventChecks.prompt(prompt().setSampleStart(3).setSampleEnd(3).build()));
    }

    @Test
    void aRunNeedsAUsableIdAndAtLeastOneSamplePerTask() {
        assertEquals(Optional.empty(), EventChecks.run(run().build()));
        assertEquals(Optional.of("missing field run_id"), EventChecks.run(run().setRunId("").build()));
        assertEquals(Optional.of("n 0 is less than 1"), EventChecks.run(run().setN(0).build()));
        assertEquals(Optional.of("n 100001 is over 100000"), EventChecks.run(run().setN(100_001).build()));
        assertEquals(Optional.empty(), EventChecks.run(run().setN(100_000).build()));
    }

    @Test
    void aCheckpointNamesItsFamilyItselfAndABackend() {
        java.util.function.Supplier<dev.evalstream.events.Checkpoint.Builder> c = () -> dev.evalstream.events.Checkpoint.newBuilder()
                .setFamily("demo").setCheckpoint("step-100").setStep(100L).setBackend("replay")
                .setPublishedAt(java.time.Instant.EPOCH);
        assertEquals(Optional.empty(), EventChecks.checkpoint(c.get().build()));
        assertEquals(Optional.of("missing field family"), EventChecks.checkpoint(c.get().setFamily(" ").build()));
        assertEquals(Optional.of("checkpoint 'a|b' contains '|'"), EventChecks.checkpoint(c.get().setCheckpoint("a|b").build()));
        assertEquals(Optional.of("missing field backend"), EventChecks.checkpoint(c.get().setBackend("").build()));
        assertEquals(Optional.of("step -1 is negative"), EventChecks.checkpoint(c.get().setStep(-1L).build()));
        assertEquals(Optional.empty(), EventChecks.checkpoint(c.get().setStep(null).build()), "the step is optional");
    }

    @Test
    void aPlanNamesItselfItsFamilyADatasetAndAUsableN() {
        java.util.function.Supplier<dev.evalstream.events.Plan.Builder> p = () -> dev.evalstream.events.Plan.newBuilder()
                .setName("he-n5").setFamily("demo").setDataset("HumanEval").setN(5)
                .setSampling(dev.evalstream.events.Sampling.newBuilder().build()).setCreatedAt(java.time.Instant.EPOCH);
        assertEquals(Optional.empty(), EventChecks.plan(p.get().build()));
        assertEquals(Optional.of("name 'x|y' contains '|'"), EventChecks.plan(p.get().setName("x|y").build()));
        assertEquals(Optional.of("missing field dataset"), EventChecks.plan(p.get().setDataset("").build()));
        assertEquals(Optional.of("n 0 is not within 1..100000"), EventChecks.plan(p.get().setN(0).build()));
    }
}
