package dev.evalstream.executor;

import dev.evalstream.events.Problem;
import dev.evalstream.schemas.Keys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Problems held in a map. {@code late} problems become visible only when a caller asks the
 * catalog to catch up, like problems published just before their samples.
 */
final class MapProblems implements ProblemLookup {
    private final Map<String, Problem> visible = new ConcurrentHashMap<>();
    private final Map<String, Problem> late = new ConcurrentHashMap<>();
    volatile boolean neverCatchesUp;

    MapProblems add(Problem p) {
        visible.put(Keys.problem(p.getDataset(), p.getTaskId()), p);
        return this;
    }

    MapProblems addLate(Problem p) {
        late.put(Keys.problem(p.getDataset(), p.getTaskId()), p);
        return this;
    }

    @Override
    public Optional<Problem> find(String dataset, String taskId) {
        return Optional.ofNullable(visible.get(Keys.problem(dataset, taskId)));
    }

    @Override
    public CompletionStage<Void> caughtUp() {
        if (neverCatchesUp) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.runAsync(() -> {
            visible.putAll(late);
            late.clear();
        });
    }
}
