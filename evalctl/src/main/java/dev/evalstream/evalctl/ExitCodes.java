package dev.evalstream.evalctl;

import dev.evalstream.stack.StackException;

/**
 * The exit statuses of every evalctl command. Scripts and tests rely on them, so they are
 * named once here and never written as bare numbers elsewhere.
 */
public final class ExitCodes {
    /** Done as asked. */
    public static final int OK = 0;
    /** An unexpected fault inside evalctl (a bug, or something it cannot classify). */
    public static final int SOFTWARE = 1;
    /** Bad command line: unknown option, missing parameter (picocli's own choice of 2). */
    public static final int USAGE = 2;
    /** An input file is missing, unreadable or not in the expected format; or the local stack's kept data is unusable. */
    public static final int DATA = 3;
    /** The stack (Kafka, registry, a service) is not running or not reachable. */
    public static final int UNAVAILABLE = 4;
    /** The run, model or task asked for does not exist. */
    public static final int NOT_FOUND = 5;
    /** A bounded wait ran out before the condition was met. */
    public static final int TIMEOUT = 6;
    /** The local environment cannot run the stack: no suitable JDK, a build step failed. */
    public static final int ENVIRONMENT = 7;
    /**
     * A name is already bound to other content: a dataset name in the catalog, or a plan name
     * (plans are immutable; a changed plan is a new plan name); or two runs that cannot be
     * compared (different datasets, no task scored in both yet).
     */
    public static final int CONFLICT = 8;
    /** Stopped by Ctrl-C / SIGINT (128 + 2, as shells report it). */
    public static final int INTERRUPTED = 130;

    /** The exit status for a local stack failure of this kind. */
    public static int of(StackException.Kind kind) {
        return switch (kind) {
            case ENVIRONMENT -> ENVIRONMENT;
            case UNAVAILABLE -> UNAVAILABLE;
            case TIMEOUT -> TIMEOUT;
            case INTERRUPTED -> INTERRUPTED;
            case DATA_LOST -> DATA;
        };
    }

    private ExitCodes() {
    }
}
