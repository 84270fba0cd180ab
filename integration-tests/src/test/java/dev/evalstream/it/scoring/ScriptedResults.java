package dev.evalstream.it.scoring;

import dev.evalstream.events.Outcome;
import dev.evalstream.events.Result;
import dev.evalstream.harness.PassAtK;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stream of Result events for one run, as executors would produce it with
 * faults: some identities first get an ERROR and later their verdict, some only an ERROR, some
 * verdicts are delivered twice. The same seed gives the same stream for any run id, and the
 * tallies the scorer must arrive at are computed here from the rules, not from the scorer.
 */
public record ScriptedResults(List<Result> events, Map<String, PassAtK.Tally> tallies, Map<String, Integer> errors) {

    public static final String TASK_PREFIX = "Scripted/";

    public static ScriptedResults of(String runId, String model, int tasks, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Result> events = new ArrayList<>();
        List<Result> redelivered = new ArrayList<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < samples; i++) {
            for (int t = 0; t < tasks; t++) {
                String task = TASK_PREFIX + t;
                int[] count = counts.computeIfAbsent(task, k -> new int[3]); // n, c, errors
                long position = (long) i * tasks + t;
                double roll = random.nextDouble();
                if (roll < 0.05) { // an infrastructure fault that is never resolved
                    events.add(result(runId, model, task, i, position, Outcome.ERROR));
                    count[2]++;
                    continue;
                }
                if (roll < 0.20) { // retried: the ERROR first, its verdict later
                    events.add(result(runId, model, task, i, position, Outcome.ERROR));
                }
                // pass rates differ per task so pass@k differs from pass@1
                Outcome verdict = random.nextDouble() < (t % 5) / 4.0 ? Outcome.PASSED
                        : random.nextDouble() < 0.8 ? Outcome.FAILED : Outcome.TIMED_OUT;
                Result r = result(runId, model, task, i, position, verdict);
                events.add(r);
                if (random.nextDouble() < 0.2) {
                    redelivered.add(r);
                }
                count[0]++;
                count[1] += verdict == Outcome.PASSED ? 1 : 0;
            }
        }
        events.addAll(redelivered);
        Map<String, PassAtK.Tally> tallies = new LinkedHashMap<>();
        Map<String, Integer> errors = new LinkedHashMap<>();
        counts.forEach((task, c) -> {
            tallies.put(task, new PassAtK.Tally(c[0], c[1]));
            errors.put(task, c[2]);
        });
        return new ScriptedResults(List.copyOf(events), tallies, errors);
    }

    public long identities() {
        return tallies.values().stream().mapToLong(PassAtK.Tally::n).sum() + errors.values().stream().mapToLong(e -> e).sum();
    }

    public long scored() {
        return tallies.values().stream().mapToLong(PassAtK.Tally::n).sum();
    }

    public long errored() {
        return errors.values().stream().mapToLong(e -> e).sum();
    }

    static Result result(String runId, String model, String task, int index, long position, Outcome outcome) {
        String detail = switch (outcome) {
            case PASSED -> "passed";
            case FAILED -> "failed: AssertionError";
            case TIMED_OUT -> "timed out";
            case ERROR -> "error: sandbox unavailable";
        };
        return Result.newBuilder().setRunId(runId).setModel(model).setDataset("scripted").setTaskId(task)
                .setSampleIndex(index).setOutcome(outcome).setDetail(detail).setExecutor("scripted")
                .setPosition(position).setCompletedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }
}
