package org.htscreen.workbench.io;

/** Input that cannot be used (unreadable file, unknown format, too many bad lines): exit code 2. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
