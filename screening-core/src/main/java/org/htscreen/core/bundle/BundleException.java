package org.htscreen.core.bundle;

/** A bundle that cannot be read, signed or trusted; the message is one line saying why. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
