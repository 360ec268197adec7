package dev.tuna.data;

/**
 * An error meant for the user: its message says what is wrong and where (file, line) and how to fix it.
 * The CLI prints the message alone, without a stack trace, and exits with {@link #exitCode()}.
 */
public class TunaException extends RuntimeException {
    /** Exit code for input that was read and judged bad (validation errors, a failed job). */
    public static final int INVALID_INPUT = 1;
    /** Exit code for usage errors and input that could not be read at all. */
    public static final int USAGE_OR_IO = 2;

    private final int exitCode;

    public TunaException(String message) {
        this(message, USAGE_OR_IO, null);
    }

    public TunaException(String message, Throwable cause) {
        this(message, USAGE_OR_IO, cause);
    }

    public TunaException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
