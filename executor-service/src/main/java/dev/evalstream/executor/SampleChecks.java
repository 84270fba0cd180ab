package dev.evalstream.executor;

import dev.evalstream.events.Sample;
import dev.evalstream.schemas.EventChecks;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What makes a decoded sample unfit to run: what every service rejects (EventChecks), then the
 * executor's own cap on a completion's size (a flood would cost the sandbox and the topics).
 */
final class SampleChecks {
    private SampleChecks() {
    }

    /** The reason this sample cannot be run, or empty if it can. */
    static Optional<String> problem(Sample sample, int maxCompletionBytes) {
        return EventChecks.sample(sample).or(() -> oversized(sample.getCompletion(), maxCompletionBytes));
    }

    private static Optional<String> oversized(String completion, int maxCompletionBytes) {
        // cheap bound first: a UTF-8 encoding is at least one byte per char and at most three
        if (completion.length() > maxCompletionBytes
                || (completion.length() * 3L > maxCompletionBytes
                    && completion.getBytes(StandardCharsets.UTF_8).length > maxCompletionBytes)) {
            return Optional.of("oversized completion: " + completion.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, the limit is " + maxCompletionBytes);
        }
        return Optional.empty();
    }
}
