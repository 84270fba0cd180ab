package dev.evalstream.executor;

import dev.evalstream.events.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one executor instance, for its status endpoint and logs. Thread-safe. */
public final class ExecutorStats {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);

    public ExecutorStats() {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    void accepted() {
        received.incrementAndGet();
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /** Extra runs the sandbox gave one sample after infrastructure faults. */
    void retried(int runs) {
        retries.addAndGet(runs);
    }

    void deadLettered() {
        deadLetters.incrementAndGet();
    }

    void published(Outcome outcome) {
        outcomes.get(outcome).incrementAndGet();
    }

    public long received() {
        return received.get();
    }

    public long inFlight() {
        return inFlight.get();
    }

    public long retries() {
        return retries.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** Results published with this outcome (after retries). */
    public long results(Outcome outcome) {
        return outcomes.get(outcome).get();
    }
}
