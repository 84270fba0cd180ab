package dev.evalstream.evalctl.publishing;

import static dev.evalstream.evalctl.render.Figures.median;
import static dev.evalstream.evalctl.render.Figures.round;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evalstream.evalctl.scorer.RunView;
import dev.evalstream.evalctl.scorer.RunWaiter;
import dev.evalstream.evalctl.scorer.ScorerClient;
import dev.evalstream.events.Sampling;
import dev.evalstream.harness.data.SampleLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The streaming bench: runs sent through Kafka to the running stack, each timed from the first
 * event sent by a connected client (producer created, topics' metadata and schema ids fetched,
 * as a long-running publisher such as the generator has them) until the scorer says complete.
 * The client's start is printed with the first timed run, and a figure that includes it.
 *
 * @param log     stderr lines by verbosity (0 always, 1 with -v)
 * @param warmup  runs sent first and not timed
 * @param rounds  timed runs; with more than one, their median, min and max follow
 * @param timeout longest wait for one run
 */
public record StreamingBench(String bootstrapServers, String registryUrl, ScorerClient scorer,
                             BiConsumer<Integer, String> log, PrintWriter out, boolean json, int warmup, int rounds,
                             Duration timeout) {

    /** Runs and prints every round; true when every sample of every run was scored without error. */
    public boolean run(Dataset dataset, List<SampleLine> samples) {
        List<Double> rates = new ArrayList<>();
        boolean allScored = true;
        long clientStart = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(bootstrapServers, registryUrl)) {
            RunPublisher runs = new RunPublisher(publisher);
            double client = -1;
            for (int round = 1 - warmup; round <= rounds; round++) {
                Submission submission = submission(dataset, samples);
                runs.prepare(dataset, submission); // connects on the first run; cached after
                long start = System.nanoTime();
                if (client < 0) {
                    client = (start - clientStart) / 1e9;
                }
                runs.publish(dataset, submission);
                double published = (System.nanoTime() - start) / 1e9;
                String runId = submission.run().getRunId();
                RunView done = new RunWaiter(scorer, Duration.ofMillis(100)).await(runId, timeout,
                        (view, rate) -> log.accept(1, view.samplesDone() + "/" + view.samplesTotal()));
                long end = System.nanoTime();
                double seconds = (end - start) / 1e9;
                allScored &= done.samplesErrored() == 0 && done.samplesScored() == samples.size();
                if (round < 1) {
                    log.accept(0, String.format("warm-up run %d of %d: %.0f samples/s", round + warmup, warmup,
                            samples.size() / seconds));
                    continue;
                }
                rates.add(samples.size() / seconds);
                boolean withClient = round == 1 && warmup == 0;
                printRun(runId, samples.size(), seconds, published, done, withClient ? client : -1,
                        samples.size() / ((end - clientStart) / 1e9));
            }
        }
        if (rounds > 1) {
            printSummary(rates);
        }
        return allScored;
    }

    /** One timed run; client is the client's start in seconds when this run is to show it, else negative. */
    private void printRun(String runId, int samples, double seconds, double published, RunView done, double client,
                          double withClient) {
        if (json) {
            var line = JsonNodeFactory.instance.objectNode()
                    .put("samples", samples).put("seconds", round(seconds))
                    .put("samples_per_second", round(samples / seconds)).put("published_seconds", round(published))
                    .put("run_id", runId).put("scored", done.samplesScored()).put("errored", done.samplesErrored());
            if (client >= 0) {
                line.put("client_start_seconds", round(client)).put("samples_per_second_with_client_start", round(withClient));
            }
            out.println(line);
        } else {
            out.printf("%d samples in %.2f s through the stack, first event sent to run complete (published in %.2f s): "
                            + "%.0f samples/s%s; run %s: %d scored, %d errored, pass@1 %s%n",
                    samples, seconds, published, samples / seconds,
                    client >= 0 ? String.format("; with the client's start (%.2f s) %.0f samples/s", client, withClient) : "",
                    runId, done.samplesScored(), done.samplesErrored(), done.passAtK().get("1"));
        }
        out.flush();
    }

    private void printSummary(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        double min = sorted.get(0);
        double max = sorted.get(sorted.size() - 1);
        if (json) {
            out.println(JsonNodeFactory.instance.objectNode().put("rounds", rounds).put("warmup", warmup)
                    .put("median_samples_per_second", round(median(rates))).put("min_samples_per_second", round(min))
                    .put("max_samples_per_second", round(max)));
        } else {
            out.printf("median of %d timed runs after %d warm-up runs: %.0f samples/s (min %.0f, max %.0f)%n", rounds, warmup,
                    median(rates), min, max);
        }
        out.flush();
    }

    private static Submission submission(Dataset dataset, List<SampleLine> samples) {
        Instant now = Instant.now();
        Sampling sampling = Sampling.newBuilder().setTemperature(0.0).setTopP(1.0).setMaxTokens(0).build();
        return Submission.ofSamples(new Submission.Spec(RunIds.generate("bench", now), "bench", null, Map.of(), sampling, 1,
                List.of(1), 10), dataset, samples, now);
    }
}
