package org.htscreen.job.control;

/** A control update the job refuses; the message says why in one line. */
public final class ControlRejected extends RuntimeException {
    public ControlRejected(String message) {
        super(message);
    }
}
