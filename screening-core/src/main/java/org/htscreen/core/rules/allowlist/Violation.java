package org.htscreen.core.rules.allowlist;

/** One construct the DRL allow-list refuses: the file, the line and why. */
public record Violation(String file, int line, String message) {

    @Override
    public String toString() {
        return file + " line " + line + ": " + message;
    }
}
