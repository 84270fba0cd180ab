package dev.evalstream.executor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU of a running executor JVM per sample, by thread group, around a command that pushes
 * samples through it (a benchmark run by hand, not a test). JIT compiler threads are shown
 * apart: they fade as the JVM warms up, the rest is the steady per-sample cost.
 *
 * <pre>
 * java -cp executor-service/target/test-classes dev.evalstream.executor.bench.ExecutorCpu \
 *     EXECUTOR_PID 1640 -- bin/evalctl bench --streaming --problems HumanEval.jsonl.gz --canonical 10
 * </pre>
 */
public final class ExecutorCpu {
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private ExecutorCpu() {
    }

    public static void main(String[] args) throws Exception {
        int dash = Arrays.asList(args).indexOf("--");
        if (args.length < 4 || dash != 2) {
            System.err.println("usage: ExecutorCpu PID SAMPLES -- COMMAND...");
            System.exit(2);
        }
        long pid = Long.parseLong(args[0]);
        long samples = Long.parseLong(args[1]);
        Map<String, Long> before = byGroup(pid);
        long t0 = System.nanoTime();
        int exit = new ProcessBuilder(List.of(args).subList(3, args.length)).inheritIO().start().waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> after = byGroup(pid);
        Map<String, Double> perSample = new TreeMap<>();
        after.forEach((g, ticks) -> perSample.put(g, (ticks - before.getOrDefault(g, 0L)) * TICK_MS / samples));
        double total = perSample.remove("TOTAL");
        double jit = perSample.getOrDefault("jit", 0.0);
        System.out.printf("executor JVM CPU: %.2f ms/sample (JIT %.2f, without JIT %.2f); command took %.1f s (%.0f samples/s), exit %d%n",
                total, jit, total - jit, seconds, samples / seconds, exit);
        perSample.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-28s %.2f ms/sample%n", e.getKey(), e.getValue()));
    }

    /** utime+stime ticks per thread group; threads are grouped by name with trailing digits dropped. */
    static Map<String, Long> byGroup(long pid) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) { // the thread ended meanwhile
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String group = name.contains("Compiler") ? "jit" : name.replaceAll("[-#\\d]+$", "");
                groups.merge(group, ticks(stat), Long::sum);
            }
        }
        groups.put("TOTAL", ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        return groups;
    }

    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }
}
