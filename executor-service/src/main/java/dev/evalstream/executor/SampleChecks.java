package dev.evalstream.executor;

import dev.evalstream.events.Sample;
import dev.evalstream.schemas.EventChecks;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What makes a decoded sample unfit to run: what every service rejects (EventChecks: a dead
 * letter), and the executor's own cap on a completion's size (a flood would cost the sandbox and
 * the topics). An oversized completion is still the model's output: it is scored failed, unrun,
 * so that the task's n does not shrink and pass@k is not computed over the survivors.
 */
final class SampleChecks {
    private SampleChecks() {
    }

    /** Why this record is no sample at all (a dead letter), or empty. */
    static Optional<String> malformed(Sample sample) {
        return EventChecks.sample(sample);
    }

    /** Why this completion is not run (it is scored failed with this text), or empty. */
    static Optional<String> oversized(String completion, int maxCompletionBytes) {
        // cheap bound first: a UTF-8 encoding is at least one byte per char and at most three
        if (completion.length() > maxCompletionBytes
                || (completion.length() * 3L > maxCompletionBytes
                    && completion.getBytes(StandardCharsets.UTF_8).length > maxCompletionBytes)) {
            return Optional.of("sandbox: a completion of " + completion.getBytes(StandardCharsets.UTF_8).length
                    + " bytes is over the executor's limit of " + maxCompletionBytes + "; not run");
        }
        return Optional.empty();
    }
}
