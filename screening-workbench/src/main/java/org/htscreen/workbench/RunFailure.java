package org.htscreen.workbench;

/**
 * A run that cannot go on because a thread failed (an Error such as out of memory in the reader or an engine
 * thread): exit 2 with the reason and what to do, no stack trace.
 */
final class RunFailure extends RuntimeException {

    RunFailure(String message) {
        super(message);
    }

    private RunFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <what> failed: <error>; <hint>}. */
    static RunFailure of(String what, Throwable error, String hint) {
        String why = error instanceof OutOfMemoryError ? "out of memory (" + error.getMessage() + ")" : error.toString();
        return new RunFailure(what + " failed: " + why + (error instanceof OutOfMemoryError ? "; " + hint : ""), error);
    }
}
