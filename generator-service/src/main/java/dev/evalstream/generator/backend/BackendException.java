package dev.evalstream.generator.backend;

/** A prompt a backend could not serve, after whatever retries it makes; the message says why. */
public class BackendException extends RuntimeException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
