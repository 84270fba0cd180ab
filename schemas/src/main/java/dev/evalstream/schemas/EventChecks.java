package dev.evalstream.schemas;

import dev.evalstream.events.Prompt;
import dev.evalstream.events.Result;
import dev.evalstream.events.Run;
import dev.evalstream.events.Sample;
import java.util.Optional;

/**
 * What makes an event unusable by any service, in one place, so the generator, the executor and
 * the scorer accept and reject the same records (a run id the scorer refuses must not cost a
 * model call or a sandbox run first). Avro guarantees the fields are there, not that they are
 * usable: strings may be empty and ints negative.
 *
 * <p>One style: every check returns the reason a record is unfit (a dead letter's reason), or
 * empty when it is fit; checks compose with {@link Optional#or}. Checks that belong to one
 * service (size caps, sampling parameters, known backends) stay in that service.
 *
 * <p>A sample's identity is (run id, task id, sample index); the dataset names where its task
 * lives, so it is required wherever a task is.
 */
public final class EventChecks {
    private EventChecks() {
    }

    /** A run id is non-blank and free of the key separator (keys are split on it). */
    public static Optional<String> runId(String runId) {
        if (blank(runId)) {
            return Optional.of("missing field run_id");
        }
        if (runId.indexOf(Keys.SEP) >= 0) {
            return Optional.of("run_id '" + runId + "' contains '" + Keys.SEP + "'");
        }
        return Optional.empty();
    }

    public static Optional<String> sample(Sample s) {
        return task(s.getRunId(), s.getDataset(), s.getTaskId()).or(() -> index("sample_index", s.getSampleIndex()));
    }

    public static Optional<String> result(Result r) {
        return task(r.getRunId(), r.getDataset(), r.getTaskId()).or(() -> index("sample_index", r.getSampleIndex()));
    }

    /** A prompt's identity, with its range of sample indexes [start, end) in place of one index. */
    public static Optional<String> prompt(Prompt p) {
        return task(p.getRunId(), p.getDataset(), p.getTaskId())
                .or(() -> index("sample_start", p.getSampleStart()))
                .or(() -> p.getSampleEnd() > p.getSampleStart() ? Optional.empty()
                        : Optional.of("empty sample range [" + p.getSampleStart() + ", " + p.getSampleEnd() + ")"));
    }

    /** The most samples per task a run may have: the scorer walks a task's indexes when a dead letter loses them all. */
    public static final int MAX_N = 100_000;

    /** A run needs a usable id and at least one sample per task for pass@k to mean anything. */
    public static Optional<String> run(Run r) {
        return runId(r.getRunId())
                .or(() -> r.getN() >= 1 ? Optional.empty() : Optional.of("n " + r.getN() + " is less than 1"))
                .or(() -> r.getN() <= MAX_N ? Optional.empty() : Optional.of("n " + r.getN() + " is over " + MAX_N));
    }

    /** A checkpoint names its family and itself, free of the key separator, and a backend to sample it with. */
    public static Optional<String> checkpoint(dev.evalstream.events.Checkpoint c) {
        return name("family", c.getFamily()).or(() -> name("checkpoint", c.getCheckpoint()))
                .or(() -> required("backend", c.getBackend()))
                .or(() -> c.getStep() == null || c.getStep() >= 0 ? Optional.empty()
                        : Optional.of("step " + c.getStep() + " is negative"));
    }

    /** A plan names itself, its family and a dataset, and asks for a usable n. */
    public static Optional<String> plan(dev.evalstream.events.Plan p) {
        return name("name", p.getName()).or(() -> name("family", p.getFamily())).or(() -> required("dataset", p.getDataset()))
                .or(() -> p.getN() >= 1 && p.getN() <= MAX_N ? Optional.empty()
                        : Optional.of("n " + p.getN() + " is not within 1.." + MAX_N));
    }

    /** A name that becomes part of keys and run ids: non-blank, without the key separator. */
    private static Optional<String> name(String field, String value) {
        return required(field, value).or(() -> value.indexOf(Keys.SEP) < 0 ? Optional.empty()
                : Optional.of(field + " '" + value + "' contains '" + Keys.SEP + "'"));
    }

    private static Optional<String> task(String runId, String dataset, String taskId) {
        return runId(runId).or(() -> required("dataset", dataset)).or(() -> required("task_id", taskId));
    }

    private static Optional<String> index(String field, int value) {
        return value >= 0 ? Optional.empty() : Optional.of(field + " " + value + " is negative");
    }

    private static Optional<String> required(String field, String value) {
        return blank(value) ? Optional.of("missing field " + field) : Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
