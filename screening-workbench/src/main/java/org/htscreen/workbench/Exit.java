package org.htscreen.workbench;

/** The workbench's exit codes. */
public final class Exit {
    /** Success. */
    public static final int OK = 0;
    /** Findings or validation failures: an invalid rule set, skipped input lines, differing versions. */
    public static final int FINDINGS = 1;
    /** Usage or input errors: bad options, unreadable or bad input beyond --max-errors. */
    public static final int USAGE = 2;

    private Exit() {
    }
}
