package dev.evalstream.scoring.rest;

/** What an interactive query found: here, on another instance, nothing, or nothing yet (stores not queryable). */
public sealed interface QueryResult<T> {
    record Found<T>(T value) implements QueryResult<T> {
    }

    record FoundElsewhere<T>(T value, String host) implements QueryResult<T> {
    }

    record NotFound<T>() implements QueryResult<T> {
    }

    record NotReady<T>(String reason) implements QueryResult<T> {
    }

    static <T> QueryResult<T> found(T value) {
        return value == null ? new NotFound<>() : new Found<>(value);
    }
}
