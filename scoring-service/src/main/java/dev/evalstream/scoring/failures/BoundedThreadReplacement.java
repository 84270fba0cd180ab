package dev.evalstream.scoring.failures;

import dev.evalstream.schemas.DeadLetters;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What happens when a stream thread dies (an Error, a handler's FAIL, a bug): the thread is
 * replaced, so the instance keeps its partitions, at most {@code evalstream.scorer.thread-replacements}
 * times within {@code evalstream.scorer.thread-replacement-window}. A replaced thread starts again
 * from the last commit, so a record that kills every thread would otherwise be replayed forever;
 * past the bound the client shuts down and readiness reports DOWN with the exception and the
 * count ({@link FailuresReadiness}).
 *
 * <p>The Quarkus extension sets the application's StreamsUncaughtExceptionHandler bean on the
 * KafkaStreams it builds, before starting it.
 */
@Singleton
public class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = Logger.getLogger(BoundedThreadReplacement.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final ScorerFailures failures;
    private final Deque<Instant> recent = new ArrayDeque<>();

    @Inject
    public BoundedThreadReplacement(
            @ConfigProperty(name = "evalstream.scorer.thread-replacements", defaultValue = "3") int maxReplacements,
            @ConfigProperty(name = "evalstream.scorer.thread-replacement-window", defaultValue = "PT10M") Duration window) {
        this(maxReplacements, window, Clock.systemUTC(), ScorerFailures.shared());
    }

    BoundedThreadReplacement(int maxReplacements, Duration window, Clock clock, ScorerFailures failures) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        recent.addLast(now);
        int failed = recent.size();
        String what = DeadLetters.reason(exception);
        if (failed <= maxReplacements) {
            failures.threadReplaced();
            LOG.errorf(exception, "Stream thread died (%d of at most %d replacements within %s); replacing it: %s",
                    failed, maxReplacements, window, what);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        String reason = "stream threads died " + failed + " times within " + window + " (at most "
                + maxReplacements + " replacements); last: " + what;
        failures.shutDown(reason);
        LOG.errorf(exception, "Shutting the Kafka Streams client down: %s", reason);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
