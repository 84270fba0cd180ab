package dev.evalstream.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Bounded waits for components to become ready. A component whose process dies while we wait
 * fails at once, with the end of its log in the message; one that stays unready past the
 * timeout is killed (it would otherwise linger unrecorded) and reported the same way.
 */
final class Readiness {
    private static final long POLL_MS = 250;

    private final StackConfig config;
    private final Supervisor supervisor;

    Readiness(StackConfig config, Supervisor supervisor) {
        this.config = config;
        this.supervisor = supervisor;
    }

    void await(Component c, Duration timeout) {
        if (c == Component.KAFKA) {
            try (Admin admin = TopicPlan.admin(config.bootstrapServers())) {
                awaitCondition(c, () -> TopicPlan.brokerAnswers(admin), timeout);
            }
        } else {
            String url = config.healthUrl(c);
            awaitCondition(c, () -> Probes.httpReady(url), timeout);
        }
    }

    void awaitCondition(Component c, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (supervisor.running(c).isEmpty()) {
                throw new StackException(StackException.Kind.UNAVAILABLE, c.id() + " exited during startup; end of "
                        + config.logFile(c) + ":" + System.lineSeparator() + supervisor.logTail(c, 15));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                supervisor.stop(c);
                throw new StackException(StackException.Kind.TIMEOUT, c.id() + " not ready after " + timeout.toSeconds()
                        + " s (stopped it); end of " + config.logFile(c) + ":" + System.lineSeparator()
                        + supervisor.logTail(c, 15));
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException(StackException.Kind.INTERRUPTED, "interrupted while waiting for " + c.id());
            }
        }
    }

    /** A single quick check, for status(). */
    static boolean readyNow(StackConfig config, Component c) {
        if (c == Component.KAFKA) {
            try (Admin admin = TopicPlan.admin(config.bootstrapServers())) {
                return TopicPlan.brokerAnswers(admin);
            }
        }
        return Probes.httpReady(config.healthUrl(c));
    }
}
