package dev.evalstream.evalctl.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.SampleLine;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Throughput of the local path (the evaluator check uses): wall time of evaluating every sample
 * once the slots are up, and CPU time of the JVM plus every sandbox process ({@link CpuMeter}),
 * the load-independent figure on a shared machine.
 */
public final class LocalBench {
    /**
     * @param startSeconds evaluator start (slots up), not counted in samplesPerSecond
     * @param cpuSeconds   JVM plus sandbox CPU time, start-up of the slots included
     */
    public record Report(int samples, int workers, double startSeconds, double seconds, double cpuSeconds,
                         double jvmCpuSeconds, Map<Verdict.Kind, Integer> verdicts) {
        public double samplesPerSecond() {
            return samples / seconds;
        }

        public double cpuMsPerSample() {
            return cpuSeconds * 1000 / samples;
        }

        /** What the measured CPU time allows on this many otherwise idle cores. */
        public double projectedSamplesPerSecond(int cores) {
            return cores * 1000 / cpuMsPerSample();
        }

        public int passed() {
            return verdicts.getOrDefault(Verdict.Kind.PASSED, 0);
        }

        public String line(int cores) {
            return String.format("%d samples in %.2f s: %.0f samples/s with %d workers (start-up %.2f s not counted); "
                            + "CPU %.2f ms/sample (JVM %.2f, sandbox %.2f) -> %.0f samples/s on %d idle cores; verdicts %s",
                    samples, seconds, samplesPerSecond(), workers, startSeconds, cpuMsPerSample(),
                    jvmCpuSeconds * 1000 / samples, (cpuSeconds - jvmCpuSeconds) * 1000 / samples,
                    projectedSamplesPerSecond(cores), cores, verdicts);
        }

        public ObjectNode json(int cores) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("samples", samples);
            o.put("workers", workers);
            o.put("seconds", seconds);
            o.put("samples_per_second", samplesPerSecond());
            o.put("start_seconds", startSeconds);
            o.put("cpu_ms_per_sample", cpuMsPerSample());
            o.put("jvm_cpu_ms_per_sample", jvmCpuSeconds * 1000 / samples);
            o.put("projected_samples_per_second", projectedSamplesPerSecond(cores));
            o.put("cores", cores);
            ObjectNode v = o.putObject("verdicts");
            verdicts.forEach((k, n) -> v.put(k.name(), n));
            return o;
        }
    }

    private LocalBench() {
    }

    /** Every problem's canonical solution, n times over, as samples (task order, then repetition). */
    public static List<SampleLine> canonical(Map<String, Problem> problems, int n) {
        List<SampleLine> lines = new ArrayList<>(problems.size() * n);
        for (int i = 0; i < n; i++) {
            for (Problem p : problems.values()) {
                ObjectNode fields = JsonNodeFactory.instance.objectNode();
                fields.put("task_id", p.taskId());
                fields.put("completion", p.canonicalSolution());
                lines.add(new SampleLine(lines.size() + 1, lines.size(), p.taskId(), i, p.canonicalSolution(), fields));
            }
        }
        return lines;
    }

    public static Report run(Map<String, Problem> problems, List<SampleLine> samples, Supplier<Evaluator> evaluators) {
        long t0 = System.nanoTime();
        double jvm0 = jvmCpuSeconds();
        Map<Verdict.Kind, Integer> verdicts = new EnumMap<>(Verdict.Kind.class);
        double start;
        double seconds;
        int workers;
        double jvm;
        double cpu;
        try (CpuMeter meter = CpuMeter.start()) {
            try (Evaluator evaluator = evaluators.get()) {
                workers = evaluator.slots();
                long t1 = System.nanoTime();
                start = (t1 - t0) / 1e9;
                List<CompletableFuture<Verdict>> futures = new ArrayList<>(samples.size());
                for (SampleLine s : samples) {
                    futures.add(evaluator.evaluate(problems.get(s.taskId()), s.completion()));
                }
                for (CompletableFuture<Verdict> f : futures) {
                    verdicts.merge(f.join().kind(), 1, Integer::sum);
                }
                seconds = (System.nanoTime() - t1) / 1e9;
                jvm = jvmCpuSeconds() - jvm0;
            }
            cpu = meter.seconds();
        }
        return new Report(samples.size(), workers, start, seconds, cpu, jvm, verdicts);
    }

    private static double jvmCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }
}
