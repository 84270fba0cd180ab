package dev.evalstream.executor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The records between admission and the acknowledgement of their output, with when each was
 * admitted, so the executor can say which one has been in flight longest. At most the in-flight
 * limit of them (32 by default), so finding the oldest is a short scan.
 */
public final class InFlight {
    /** The record in flight longest, and for how long. */
    public record Oldest(SampleRecord record, Duration age, int inFlight) {
        /** topic-partition@offset, as Kafka's tools name a record. */
        public String where() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    private record Entry(SampleRecord record, long admittedNanos) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongSupplier nanoTime;

    public InFlight() {
        this(System::nanoTime);
    }

    InFlight(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Notes a record admitted now; the token ends it. */
    long admitted(SampleRecord record) {
        long token = sequence.incrementAndGet();
        entries.put(token, new Entry(record, nanoTime.getAsLong()));
        return token;
    }

    void done(long token) {
        entries.remove(token);
    }

    public Optional<Oldest> oldest() {
        Entry oldest = null;
        int count = 0;
        for (Entry e : entries.values()) {
            count++;
            if (oldest == null || e.admittedNanos() < oldest.admittedNanos()) {
                oldest = e;
            }
        }
        return oldest == null ? Optional.empty()
                : Optional.of(new Oldest(oldest.record(), Duration.ofNanos(nanoTime.getAsLong() - oldest.admittedNanos()), count));
    }
}
