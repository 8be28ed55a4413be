package io.virtbench.core;

/**
 * An error the user can act on: printed as one line ({@code virtbench: <message>}), never with a
 * stack trace, and the process exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit status for a wrong option or value (the same as picocli's usage errors). */
    public static final int USAGE = 2;
    /** Exit status for a failure while running (missing tool, I/O error, database down...). */
    public static final int FAILURE = 1;

    private final int exitCode;

    public UserException(String message) {
        this(message, FAILURE);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = FAILURE;
    }

    /** A wrong option or value: exit status 2. */
    public static UserException usage(String message) {
        return new UserException(message, USAGE);
    }

    public int exitCode() {
        return exitCode;
    }
}
