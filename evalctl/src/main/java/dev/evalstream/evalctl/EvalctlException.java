package dev.evalstream.evalctl;

/**
 * The one exception type commands throw to end with a given exit status. The main class prints
 * its message as a single line on stderr ("evalctl: message") and exits with its code.
 */
public class EvalctlException extends RuntimeException {
    private final int exitCode;

    public EvalctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public EvalctlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static EvalctlException data(String message) {
        return new EvalctlException(ExitCodes.DATA, message);
    }

    public static EvalctlException unavailable(String message) {
        return new EvalctlException(ExitCodes.UNAVAILABLE, message);
    }

    public static EvalctlException notFound(String message) {
        return new EvalctlException(ExitCodes.NOT_FOUND, message);
    }

    public static EvalctlException timeout(String message) {
        return new EvalctlException(ExitCodes.TIMEOUT, message);
    }
}
