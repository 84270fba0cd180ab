package dev.evalstream.generator.bench;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Sampling;
import dev.evalstream.generator.PromptDecoder;
import dev.evalstream.generator.PromptHandler;
import dev.evalstream.generator.PromptValidator;
import dev.evalstream.generator.backend.Backend;
import dev.evalstream.generator.backend.CompletionsClient;
import dev.evalstream.generator.backend.OpenAiBackend;
import dev.evalstream.generator.backend.OpenAiSettings;
import dev.evalstream.generator.backend.RetryPolicy;
import dev.evalstream.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by hand, not a test: the generator's prompt path (PromptHandler, openai backend, its HTTP
 * client) on `concurrency` workers, as the "generation" worker pool runs it, against a local
 * vLLM-shaped server answering every request a fixed latency after it arrived
 * ({@link FixedLatencyServer}). Prints throughput against the ideal (concurrency / latency) and
 * heap after GC and RSS at start, middle and end; exits 1 below 95 % of the ideal.
 *
 * <pre>
 * mvn -B -q -pl generator-service -am install -DskipTests
 * mvn -B -q -pl generator-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp "generator-service/target/test-classes:generator-service/target/classes:$(cat generator-service/target/bench.cp)" \
 *      dev.evalstream.generator.bench.GeneratorBench [prompts=10000] [concurrency=16] [latencyMs=50]
 * </pre>
 */
public final class GeneratorBench {
    private static final String ANSWER = "{\"id\":\"cmpl-b\",\"object\":\"text_completion\",\"model\":\"m\",\"choices\":[{"
            + "\"index\":0,\"text\":\"    return sorted(l)\\n\\ndef g():\\n    pass\",\"logprobs\":{\"tokens\":[\"    \","
            + "\"return\",\" sorted\",\"(l)\",\"\\n\",\"\\ndef\",\" g\",\"():\\n    pass\"],\"token_logprobs\":[-0.1,-0.2,"
            + "-0.3,-0.4,-0.5,-0.6,-0.7,-0.8],\"text_offset\":[0,4,10,17,20,21,25,27],\"top_logprobs\":null},"
            + "\"finish_reason\":\"length\"}],\"usage\":{\"completion_tokens\":8}}";

    public static void main(String[] args) throws Exception {
        int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 50;

        FixedLatencyServer server = new FixedLatencyServer(ANSWER.getBytes(StandardCharsets.UTF_8), latencyMs);
        String url = server.baseUrl();

        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), new Random(1));
        Backend openai = new OpenAiBackend(new OpenAiSettings(url, null, "m", Duration.ofSeconds(30)),
                CompletionsClient.create(retry, concurrency));
        Prompt prompt = Prompt.newBuilder().setRunId("bench").setModel("m").setDataset("d").setTaskId("T/0")
                .setPrompt("def f(l):\n").setSampling(Sampling.newBuilder().setSeed(1L).build()).setBackend("openai")
                .setSampleStart(0).setSampleEnd(1).build();
        // decoding is the codec's job and measured elsewhere; here every record decodes to the same prompt
        PromptHandler handler = new PromptHandler(new PromptDecoder((topic, bytes) -> prompt), new PromptValidator(1000),
                Map.of("openai", openai), "bench", Clock.systemUTC());

        warmUp(handler, concurrency);
        System.out.printf("generator bench: %d prompts, concurrency %d, server latency %d ms, ideal %.1f requests/s%n",
                prompts, concurrency, latencyMs, concurrency * 1000.0 / latencyMs);
        memory("start");
        AtomicInteger next = new AtomicInteger();
        AtomicLong samples = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        long t0 = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < prompts; ) {
                        PromptHandler.Outcome o = handler.handle(Topics.PROMPTS, 0, i, "k", new byte[0]);
                        if (o instanceof PromptHandler.Produced p) {
                            samples.addAndGet(p.samples().size());
                        } else {
                            failures.incrementAndGet();
                        }
                        if (i == prompts / 2) {
                            memory("middle");
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "generation-" + w);
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        memory("end");
        double rate = prompts / seconds;
        double ideal = concurrency * 1000.0 / latencyMs;
        System.out.printf("%d prompts -> %d samples (%d failed) in %.2f s: %.1f requests/s = %.1f%% of ideal %.1f%n",
                prompts, samples.get(), failures.get(), seconds, rate, 100 * rate / ideal, ideal);
        server.close();
        System.exit(rate >= 0.95 * ideal && failures.get() == 0 ? 0 : 1);
    }

    private static void warmUp(PromptHandler handler, int concurrency) throws InterruptedException {
        Thread[] ts = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            ts[w] = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    handler.handle(Topics.PROMPTS, 0, i, "k", new byte[0]);
                }
            });
            ts[w].start();
        }
        for (Thread t : ts) {
            t.join();
        }
    }

    private static synchronized void memory(String when) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rssKiB = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKiB = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception ignored) {
            // not Linux: heap only
        }
        System.out.printf("  memory %-6s heap after GC %6.1f MiB, RSS %6.1f MiB%n", when, heap / 1048576.0, rssKiB / 1024.0);
    }
}
