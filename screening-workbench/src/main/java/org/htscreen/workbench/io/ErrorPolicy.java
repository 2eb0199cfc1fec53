package org.htscreen.workbench.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to do with bad input lines: with {@code --max-errors N}, up to N bad lines are skipped (counted, listed and
 * reported as they are met); the N+1-th stops the run with an {@link InputException}. N = 0 (the default) stops at
 * the first bad line. Shared by every file a command reads, so N bounds the whole run. Thread-safe.
 */
public final class ErrorPolicy {

    /** Errors kept for listing; beyond this only the count grows. */
    public static final int LISTED = 1000;

    private final long maxErrors;
    private final Consumer<InputError> reporter;
    private final List<InputError> listed = new ArrayList<>();
    private long skipped;

    public ErrorPolicy(long maxErrors, Consumer<InputError> reporter) {
        if (maxErrors < 0) {
            throw new IllegalArgumentException("--max-errors must be >= 0");
        }
        this.maxErrors = maxErrors;
        this.reporter = reporter;
    }

    /** Stops at the first bad line, reporting nothing else. */
    public static ErrorPolicy strict() {
        return new ErrorPolicy(0, e -> { });
    }

    /**
     * Records a bad line: skips it while within the limit.
     *
     * @throws InputException when the limit is passed
     */
    public synchronized void bad(InputError error) {
        if (skipped >= maxErrors) {
            throw new InputException(error + (maxErrors == 0 ? " (stopping at the first bad line; --max-errors N skips up to N)"
                    : " (more than --max-errors " + maxErrors + " bad lines; " + skipped + " skipped before this one)"));
        }
        skipped++;
        if (listed.size() < LISTED) {
            listed.add(error);
        }
        reporter.accept(error);
    }

    public synchronized long skipped() {
        return skipped;
    }

    /** The skipped lines (the first {@value #LISTED}). */
    public synchronized List<InputError> listed() {
        return Collections.unmodifiableList(new ArrayList<>(listed));
    }

    public long maxErrors() {
        return maxErrors;
    }
}
