package dev.evalstream.scoring.planning;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sampling;
import dev.evalstream.schemas.Keys;
import dev.evalstream.scoring.rest.Views;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The events that start one planned run, built the way {@code evalctl submit --backend ...} builds
 * them (evalctl's Submission.ofPrompts): the Run, then for each task prompts covering sample
 * indexes [0, n) in chunks of at most chunkSize, carrying the problem's prompt text only. The
 * run's model is family/checkpoint; backend and options come from the checkpoint; n, sampling
 * and ks from the plan; the dataset is the catalog entry's content-addressed id, and the tasks
 * are its problems in task-id order (a trailing number compared as a number).
 */
public record RunStart(Run run, List<Prompt> prompts) {

    /** Either the events, or why the run cannot start yet. */
    public record Attempt(RunStart start, String waitingFor) {
    }

    public static Attempt attempt(String runId, CheckpointInfo c, PlanSpec plan,
                                  ReadOnlyKeyValueStore<String, CatalogEntry> catalog,
                                  ReadOnlyKeyValueStore<String, PromptFields> problems, int chunkSize, Instant now) {
        CatalogEntry entry = catalog.get(plan.dataset());
        if (entry == null) {
            return new Attempt(null, "dataset '" + plan.dataset() + "' is not in the catalog");
        }
        List<PromptFields> tasks = new ArrayList<>();
        try (KeyValueIterator<String, PromptFields> scan = problems.prefixScan(Keys.problem(entry.dataset(), ""),
                Serdes.String().serializer())) {
            scan.forEachRemaining(kv -> tasks.add(kv.value));
        }
        if (tasks.size() != entry.problemCount()) {
            return new Attempt(null, "dataset '" + plan.dataset() + "' (" + entry.dataset() + ") has " + tasks.size()
                    + " of its " + entry.problemCount() + " problems on the problems topic");
        }
        tasks.sort((a, b) -> Views.compareTaskIds(a.taskId(), b.taskId()));
        return new Attempt(of(runId, c, plan, entry.dataset(), tasks, chunkSize, now), null);
    }

    public static RunStart of(String runId, CheckpointInfo c, PlanSpec plan, String dataset, List<PromptFields> tasks,
                              int chunkSize, Instant now) {
        Sampling sampling = plan.sampling();
        Run run = Run.newBuilder()
                .setRunId(runId)
                .setModel(c.model())
                .setDataset(dataset)
                .setBackend(c.backend())
                .setBackendOptions(c.backendOptions())
                .setSampling(sampling)
                .setN(plan.n())
                .setKs(plan.ks())
                .setProblemCount(tasks.size())
                .setTaskIds(tasks.stream().map(PromptFields::taskId).toList())
                .setSamplesTotal((long) plan.n() * tasks.size())
                .setCreatedAt(now)
                .setFamily(c.family())
                .setCheckpoint(c.checkpoint())
                .setStep(c.step())
                .setPlan(plan.name())
                .build();
        List<Prompt> prompts = new ArrayList<>();
        for (PromptFields p : tasks) {
            for (int start = 0; start < plan.n(); start += chunkSize) {
                prompts.add(Prompt.newBuilder()
                        .setRunId(runId)
                        .setModel(c.model())
                        .setDataset(dataset)
                        .setTaskId(p.taskId())
                        .setPrompt(p.prompt())
                        .setSampling(sampling)
                        .setBackend(c.backend())
                        .setBackendOptions(c.backendOptions())
                        .setSampleStart(start)
                        .setSampleEnd(Math.min(start + chunkSize, plan.n()))
                        .build());
            }
        }
        return new RunStart(run, List.copyOf(prompts));
    }
}
