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

    /** The value when found here or elsewhere; empty when not found or not ready. */
    default java.util.Optional<T> present() {
        if (this instanceof Found<T> f) {
            return java.util.Optional.of(f.value());
        }
        return this instanceof FoundElsewhere<T> f ? java.util.Optional.of(f.value()) : java.util.Optional.empty();
    }

    static <T> QueryResult<T> found(T value) {
        return value == null ? new NotFound<>() : new Found<>(value);
    }
}
