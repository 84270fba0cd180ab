package dev.evalstream.executor;

import dev.evalstream.events.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What makes a decoded sample unfit to run: a blank identity field (Avro accepts empty
 * strings) or a completion over the size cap (a flood would cost the sandbox and the topics).
 */
final class SampleChecks {
    private SampleChecks() {
    }

    /** The reason this sample cannot be run, or empty if it can. */
    static Optional<String> problem(Sample sample, int maxCompletionBytes) {
        if (blank(sample.getRunId())) {
            return Optional.of("missing field run_id");
        }
        if (blank(sample.getDataset())) {
            return Optional.of("missing field dataset");
        }
        if (blank(sample.getTaskId())) {
            return Optional.of("missing field task_id");
        }
        if (sample.getSampleIndex() < 0) {
            return Optional.of("sample_index " + sample.getSampleIndex() + " is negative");
        }
        String completion = sample.getCompletion();
        // cheap bound first: a UTF-8 encoding is at least one byte per char and at most three
        if (completion.length() > maxCompletionBytes
                || (completion.length() * 3L > maxCompletionBytes
                    && completion.getBytes(StandardCharsets.UTF_8).length > maxCompletionBytes)) {
            return Optional.of("oversized completion: " + completion.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, the limit is " + maxCompletionBytes);
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
