package org.htscreen.workbench;

/** Options that do not make sense together or out of range: exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
