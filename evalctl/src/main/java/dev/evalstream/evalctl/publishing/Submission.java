package dev.evalstream.evalctl.publishing;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sample;
import dev.evalstream.events.Sampling;
import dev.evalstream.harness.data.SampleLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events of one submitted run, built without Kafka: the Run, then either the samples of a
 * file (backend "samples") or the prompts that ask the generator for n samples per task, in
 * chunks of at most chunkSize sample indexes.
 */
public record Submission(Run run, List<Sample> samples, List<Prompt> prompts) {
    public static final String SAMPLES_BACKEND = "samples";
    public static final String GENERATOR = "evalctl";

    /** What the user asked for. */
    public record Spec(String runId, String model, String backend, Map<String, String> backendOptions,
                       Sampling sampling, int n, List<Integer> ks, int chunkSize) {
    }

    /** A run whose completions come from a samples file; n is the most samples any task has. */
    public static Submission ofSamples(Spec spec, Dataset dataset, List<SampleLine> lines, Instant now) {
        int n = lines.stream().mapToInt(s -> s.sampleIndex() + 1).max().orElse(0);
        Run run = run(spec, SAMPLES_BACKEND, Map.of(), n, dataset, lines.size(), now);
        List<Sample> samples = new ArrayList<>(lines.size());
        for (SampleLine s : lines) {
            samples.add(Sample.newBuilder()
                    .setRunId(spec.runId())
                    .setModel(spec.model())
                    .setDataset(dataset.name())
                    .setTaskId(s.taskId())
                    .setSampleIndex(s.sampleIndex())
                    .setCompletion(s.completion())
                    .setWholeProgram(s.wholeProgram()) // evalplus's "solution": the executor runs it without the prompt
                    .setGenerator(GENERATOR)
                    .setPosition((long) s.position())
                    .setProducedAt(now)
                    .build());
        }
        return new Submission(run, List.copyOf(samples), List.of());
    }

    /** A run the generator fills: for each task, prompts covering sample indexes [0, n). */
    public static Submission ofPrompts(Spec spec, Dataset dataset, Instant now) {
        if (spec.n() < 1 || spec.chunkSize() < 1) {
            throw new IllegalArgumentException("n and chunk size must be at least 1");
        }
        Run run = run(spec, spec.backend(), spec.backendOptions(), spec.n(), dataset,
                (long) spec.n() * dataset.problems().size(), now);
        List<Prompt> prompts = new ArrayList<>();
        for (var p : dataset.problems()) {
            for (int start = 0; start < spec.n(); start += spec.chunkSize()) {
                prompts.add(Prompt.newBuilder()
                        .setRunId(spec.runId())
                        .setModel(spec.model())
                        .setDataset(dataset.name())
                        .setTaskId(p.getTaskId())
                        .setPrompt(p.getPrompt())
                        .setSampling(spec.sampling())
                        .setBackend(spec.backend())
                        .setBackendOptions(spec.backendOptions())
                        .setSampleStart(start)
                        .setSampleEnd(Math.min(start + spec.chunkSize(), spec.n()))
                        .build());
            }
        }
        return new Submission(run, List.of(), List.copyOf(prompts));
    }

    private static Run run(Spec spec, String backend, Map<String, String> options, int n, Dataset dataset,
                           long samplesTotal, Instant now) {
        return Run.newBuilder()
                .setRunId(spec.runId())
                .setModel(spec.model())
                .setDataset(dataset.name())
                .setBackend(backend)
                .setBackendOptions(options)
                .setSampling(spec.sampling())
                .setN(n)
                .setKs(spec.ks())
                .setProblemCount(dataset.problems().size())
                // the scorer sends results for any other task to dead letters
                .setTaskIds(dataset.problems().stream().map(p -> p.getTaskId()).toList())
                .setSamplesTotal(samplesTotal)
                .setCreatedAt(now)
                .build();
    }
}
