package dev.evalstream.stack;

/**
 * The one exception the local stack throws for conditions a caller can name: the kind says
 * what went wrong (a command line maps it to an exit status), the message says it to a person.
 */
public class StackException extends RuntimeException {
    /** What kind of failure, from the caller's point of view. */
    public enum Kind {
        /** This machine cannot run the stack: a JDK, a build output or a port is missing. */
        ENVIRONMENT,
        /** A component exited or could not be reached. */
        UNAVAILABLE,
        /** A bounded wait ran out. */
        TIMEOUT,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED,
        /** The stack's kept data cannot be used: the registry lost schemas that Kafka's records still name. */
        DATA_LOST
    }

    private final Kind kind;

    public StackException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StackException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
