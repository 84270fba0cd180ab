package dev.evalstream.harness.sandbox;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Throughput check: evaluates every problem's canonical solution N times and prints samples/s.
 * Usage: Bench PROBLEMS_FILE [N=10] [SLOTS=4]. Exit status 1 unless every sample passed.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Bench PROBLEMS_FILE [N=10] [SLOTS=4]");
            System.exit(2);
        }
        Map<String, Problem> problems = Problems.read(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : SandboxOptions.defaults().slots();
        boolean allPassed;
        try (Evaluator evaluator = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(slots))) {
            evaluator.evaluate(problems.values().iterator().next(), "").join(); // warm up one slot
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long jvmCpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<CompletableFuture<Verdict>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (Problem p : problems.values()) {
                    futures.add(evaluator.evaluate(p, p.canonicalSolution()));
                }
            }
            Map<Verdict.Kind, Integer> kinds = new EnumMap<>(Verdict.Kind.class);
            for (CompletableFuture<Verdict> f : futures) {
                Verdict v = f.join();
                kinds.merge(v.kind(), 1, Integer::sum);
                if (!v.passed() && kinds.get(v.kind()) <= 3) {
                    System.err.println("not passed: " + v.result() + " / " + v.detail());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double jvmMsPerSample = (os.getProcessCpuTime() - jvmCpu) / 1e6 / futures.size();
            System.out.printf("%d samples in %.2f s: %.0f samples/s with %d slots (JVM CPU %.2f ms/sample); %s%n",
                    futures.size(), seconds, futures.size() / seconds, evaluator.slots(), jvmMsPerSample, kinds);
            allPassed = kinds.getOrDefault(Verdict.Kind.PASSED, 0) == futures.size();
        }
        System.exit(allPassed ? 0 : 1);
    }
}
