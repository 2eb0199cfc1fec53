package org.htscreen.report.goaml;

/** A report cannot be drafted: bad configuration, or an alert whose transactions cannot be found. */
public final class ReportException extends RuntimeException {

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
