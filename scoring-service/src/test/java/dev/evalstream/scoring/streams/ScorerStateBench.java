package dev.evalstream.scoring.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalstream.events.Outcome;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (surefire runs *Test classes only): the scorer's state after months-like
 * use, 20 complete runs of HumanEval's shape (164 tasks x n=10 = 1,640 results each) through the
 * real topology on RocksDB. Prints, per store, the entries (exact, and RocksDB's estimate-num-keys),
 * the bytes of keys and values as stored (what a compacted changelog also holds) and the store's
 * directory on disk once flushed (RocksDB files, compressed, before any compaction).
 *
 * <pre>
 * mvn -o -q -pl scoring-service -am test -Dtest=ScorerStateBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Devalstream.test.state-parent=/dev/shm
 * </pre>
 */
class ScorerStateBench {
    static final int RUNS = 20;
    static final int TASKS = 164;
    static final int N = 10;

    record StoreSize(long entries, long estimate, long bytes) {
    }

    @Test
    void stateAfterTwentyRunsOfHumanEvalShape() throws Exception {
        Map<String, StoreSize> sizes;
        Map<String, Long> disk;
        List<String> tasks = IntStream.range(0, TASKS).mapToObj(t -> "HumanEval/" + t).toList();
        Random random = new Random(7);
        try (ScorerFixture f = new ScorerFixture()) {
            for (int r = 0; r < RUNS; r++) {
                String run = "bench-run-" + r;
                f.run(run, N, List.of(1, 10), tasks);
                for (String task : tasks) {
                    for (int i = 0; i < N; i++) {
                        f.result(run, task, i, random.nextDouble() < 0.5 ? Outcome.PASSED
                                : random.nextDouble() < 0.9 ? Outcome.FAILED : Outcome.TIMED_OUT);
                    }
                }
                assertEquals((long) TASKS * N, f.score(run).tally().samplesScored(), "run " + run + " fully scored");
            }
            sizes = sizes(f);
            disk = diskBytes(f.stateDir(), sizes.keySet());
        }
        System.out.printf("[state] scorer state after %d runs x %d tasks x n=%d (%,d results)%n", RUNS, TASKS, N,
                (long) RUNS * TASKS * N);
        System.out.printf("[state] %-22s %10s %12s %14s %14s%n", "store", "entries", "estimate", "key+value B", "on disk B");
        long entries = 0;
        long bytes = 0;
        long onDisk = 0;
        for (var e : sizes.entrySet()) {
            StoreSize s = e.getValue();
            long d = disk.getOrDefault(e.getKey(), 0L);
            System.out.printf("[state] %-22s %,10d %,12d %,14d %,14d%n", e.getKey(), s.entries(), s.estimate(), s.bytes(), d);
            entries += s.entries();
            bytes += s.bytes();
            onDisk += d;
        }
        System.out.printf("[state] %-22s %,10d %12s %,14d %,14d%n", "all", entries, "", bytes, onDisk);
    }

    /** Every store named in StoreNames, read through its innermost bytes store. */
    private static Map<String, StoreSize> sizes(ScorerFixture f) throws IllegalAccessException {
        Map<String, StoreSize> out = new LinkedHashMap<>();
        for (Field field : StoreNames.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                continue;
            }
            String name = (String) field.get(null);
            KeyValueStore<Bytes, byte[]> raw = innermost(f.driver.getAllStateStores().get(name));
            long entries = 0;
            long bytes = 0;
            try (KeyValueIterator<Bytes, byte[]> it = raw.all()) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    entries++;
                    bytes += kv.key.get().length + (kv.value == null ? 0 : kv.value.length);
                }
            }
            raw.flush(); // memtables to files, so the directory's size is the store's
            out.put(name, new StoreSize(entries, raw.approximateNumEntries(), bytes));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<Bytes, byte[]> innermost(StateStore store) {
        StateStore s = store;
        while (s instanceof WrappedStateStore<?, ?, ?> w) {
            s = w.wrapped();
        }
        return (KeyValueStore<Bytes, byte[]>) s;
    }

    /** Bytes of each store's directory under the state dir. */
    private static Map<String, Long> diskBytes(Path stateDir, Iterable<String> stores) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(stateDir)) {
            dirs = walk.filter(Files::isDirectory).toList();
        }
        for (String store : stores) {
            long total = 0;
            for (Path dir : new ArrayList<>(dirs)) {
                if (dir.getFileName().toString().equals(store)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        total += files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                    }
                }
            }
            out.put(store, total);
        }
        return out;
    }
}
