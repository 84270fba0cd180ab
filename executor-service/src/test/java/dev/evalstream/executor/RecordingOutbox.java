package dev.evalstream.executor;

import dev.evalstream.events.DeadLetter;
import dev.evalstream.events.Result;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the processor publishes; acknowledges at once, or refuses when told to. */
final class RecordingOutbox implements Outbox {
    final List<Map.Entry<String, Result>> results = new CopyOnWriteArrayList<>();
    final List<Map.Entry<String, DeadLetter>> deadLetters = new CopyOnWriteArrayList<>();
    volatile RuntimeException refuse;

    @Override
    public CompletionStage<Void> result(String key, Result result) {
        if (refuse != null) {
            return CompletableFuture.failedFuture(refuse);
        }
        results.add(Map.entry(key, result));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deadLetter(String key, DeadLetter letter) {
        if (refuse != null) {
            return CompletableFuture.failedFuture(refuse);
        }
        deadLetters.add(Map.entry(key == null ? "" : key, letter));
        return CompletableFuture.completedFuture(null);
    }
}
