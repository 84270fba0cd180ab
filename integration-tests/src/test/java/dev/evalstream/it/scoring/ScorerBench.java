package dev.evalstream.it.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.stack.Component;
import dev.evalstream.stack.LocalStack;
import dev.evalstream.stack.Ports;
import dev.evalstream.stack.StackConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scorer figures on a real broker and registry (run by hand, not a test):
 * (a) throughput: N results produced as fast as possible to a fresh run, timed until GET
 * /runs/{id} counts them all; (b) latency: single results at a steady rate, from send to
 * visibility through GET /runs/{id} and through the run's SSE stream, p50 and p99.
 * Starts its own stack (broker, registry, scorer) in integration-tests/target/bench.
 *
 * mvn -B -q -ntp -pl integration-tests test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.evalstream.it.scoring.ScorerBench [-Dexec.args="200000 164 50 20"]
 * args: results for (a), tasks, rate per second for (b), seconds of (b)
 */
public final class ScorerBench {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 164;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path project = Path.of(System.getProperty("evalstream.project.dir", ".")).toAbsolutePath();
        if (!project.resolve("scoring-service").toFile().isDirectory()) {
            project = project.getParent();
        }
        StackConfig config = StackConfig.defaults(project).withRunDir(project.resolve("integration-tests/target/bench"))
                .withPorts(Ports.free()).withComponents(EnumSet.of(Component.KAFKA, Component.REGISTRY, Component.SCORER))
                .withReadyTimeout(Duration.ofSeconds(180));
        LocalStack stack = new LocalStack(config).onProgress(l -> System.out.println("[bench-stack] " + l));
        stack.purge(); // measured on an empty stack every time
        stack.up();
        try (ResultsFeed feed = new ResultsFeed(config.bootstrapServers(), config.registryUrl())) {
            ScorerHttp scorer = new ScorerHttp(config.scorerUrl());
            ProcessHandle scorerProcess = ProcessHandle.of(Long.parseLong(java.nio.file.Files
                    .readAllLines(config.pidFile(Component.SCORER)).get(0).trim())).orElseThrow();
            if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
                // a fresh JVM spends its first seconds compiling: warm it up on a run of its own
                // so (a) measures steady state (-Dbench.warmup=false measures a cold scorer)
                throughput(feed, scorer, total / 2, tasks, "warm-up");
            }
            Duration cpu0 = scorerProcess.info().totalCpuDuration().orElse(Duration.ZERO);
            throughput(feed, scorer, total, tasks, "(a) throughput");
            Duration cpu = scorerProcess.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpu0);
            System.out.printf("    the scorer used %.1f s of CPU for it: %,.0f results per CPU second (load average %.1f)%n",
                    cpu.toMillis() / 1e3, total / (cpu.toMillis() / 1e3),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            latency(feed, scorer, config.scorerUrl(), rate, seconds);
        } finally {
            stack.down();
        }
    }

    static void throughput(ResultsFeed feed, ScorerHttp scorer, int total, int tasks, String label) {
        String run = "bench-throughput-" + System.currentTimeMillis();
        int perTask = (total + tasks - 1) / tasks;
        feed.publish(ResultsFeed.run(run, "bench", "Bench/", tasks, perTask, List.of(1, 10, 100), (long) tasks * perTask));
        scorer.json("/runs/" + run, Duration.ofSeconds(60));
        List<Result> results = new ArrayList<>(tasks * perTask);
        for (int i = 0; i < perTask; i++) {
            for (int t = 0; t < tasks; t++) {
                Outcome o = (i + t) % 3 == 0 ? Outcome.PASSED : Outcome.FAILED;
                results.add(ScriptedResults.result(run, "bench", "Bench/" + t, i, (long) i * tasks + t, o));
            }
        }
        long t0 = System.nanoTime();
        results.forEach(feed::send);
        feed.flush();
        long produced = System.nanoTime();
        long seen = 0;
        while (seen < results.size()) {
            JsonNode v = scorer.json("/runs/" + run, Duration.ofSeconds(30));
            seen = v.get("samples_scored").asLong() + v.get("samples_errored").asLong();
            if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                throw new AssertionError("not all scored after 10 min: " + seen);
            }
            ScorerHttp.sleep(50);
        }
        long done = System.nanoTime();
        System.out.printf("%s: %,d results (%d tasks x %d) produced in %.2f s (%,.0f/s), all scored after"
                + " %.2f s: %,.0f results/s end to end%n", label, results.size(), tasks, perTask, secs(produced - t0),
                results.size() / secs(produced - t0), secs(done - t0), results.size() / secs(done - t0));
    }

    static void latency(ResultsFeed feed, ScorerHttp scorer, String baseUrl, int rate, int seconds) throws Exception {
        String run = "bench-latency-" + System.currentTimeMillis();
        int count = rate * seconds;
        int tasks = 20;
        feed.publish(ResultsFeed.run(run, "bench", "Latency/", tasks, count / tasks + 1, List.of(1), count));
        scorer.json("/runs/" + run, Duration.ofSeconds(60));
        long[] sent = new long[count];
        long[] viaGet = new long[count];
        long[] viaSse = new long[count];
        AtomicLong sentCount = new AtomicLong();
        Thread sse = daemon(() -> follow(baseUrl + "/runs/" + run + "/events", viaSse));
        Thread poll = daemon(() -> {
            long last = 0;
            while (last < count) {
                ScorerHttp.Answer a = scorer.get("/runs/" + run);
                long now = System.nanoTime();
                if (a.status() == 200) {
                    long scored = a.json().get("samples_scored").asLong();
                    for (long i = last; i < Math.min(scored, count); i++) {
                        viaGet[(int) i] = now;
                    }
                    last = Math.max(last, scored);
                }
            }
        });
        ScorerHttp.sleep(1000); // the SSE subscription is in place
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            sent[i] = System.nanoTime();
            feed.send(ScriptedResults.result(run, "bench", "Latency/" + (i % tasks), i / tasks, i, Outcome.PASSED));
            feed.flush();
            sentCount.incrementAndGet();
        }
        poll.join(Duration.ofSeconds(30).toMillis());
        sse.join(Duration.ofSeconds(5).toMillis());
        System.out.printf("(b) latency at %d results/s for %d s (%d results): GET %s; SSE %s%n", rate, seconds, count,
                percentiles(sent, viaGet), percentiles(sent, viaSse));
    }

    /** Reads the SSE stream and stamps the first time each count of scored samples is seen. */
    static void follow(String url, long[] seen) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            long last = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while (last < seen.length && (line = in.readLine()) != null) {
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    long now = System.nanoTime();
                    long scored = ScorerHttp.JSON.readTree(line.substring(5)).get("samples_scored").asLong();
                    for (long i = last; i < Math.min(scored, seen.length); i++) {
                        seen[(int) i] = now;
                    }
                    last = Math.max(last, scored);
                }
            }
        } catch (Exception e) {
            System.out.println("SSE stream ended: " + e);
        }
    }

    static String percentiles(long[] sent, long[] seen) {
        long[] ms = new long[sent.length];
        int missing = 0;
        for (int i = 0; i < sent.length; i++) {
            if (seen[i] == 0) {
                missing++;
                ms[i] = Long.MAX_VALUE;
            } else {
                ms[i] = Math.max(0, seen[i] - sent[i]);
            }
        }
        Arrays.sort(ms);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", ms[ms.length / 2] / 1e6,
                ms[(int) Math.ceil(ms.length * 0.99) - 1] / 1e6, ms[ms.length - 1] / 1e6,
                missing > 0 ? " (" + missing + " never seen)" : "");
    }

    private static Thread daemon(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private ScorerBench() {
    }
}
