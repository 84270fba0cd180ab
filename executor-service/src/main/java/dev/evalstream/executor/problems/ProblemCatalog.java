package dev.evalstream.executor.problems;

import dev.evalstream.events.Problem;
import dev.evalstream.schemas.Keys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest problem per (dataset, task), as the compacted problems topic holds it. Written
 * by one feed thread, read by many processing threads.
 */
public final class ProblemCatalog {
    private final Map<String, Problem> byKey = new ConcurrentHashMap<>();

    public void put(Problem problem) {
        byKey.put(Keys.problem(problem.getDataset(), problem.getTaskId()), problem);
    }

    /** A tombstone: the key is the record key, Keys.problem(dataset, task). */
    public void remove(String key) {
        byKey.remove(key);
    }

    public Optional<Problem> find(String dataset, String taskId) {
        return Optional.ofNullable(byKey.get(Keys.problem(dataset, taskId)));
    }

    public int size() {
        return byKey.size();
    }
}
