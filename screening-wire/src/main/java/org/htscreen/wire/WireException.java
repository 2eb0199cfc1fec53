package org.htscreen.wire;

/**
 * A record value that cannot be decoded: not in the expected wire format, an unknown or unreachable writer schema,
 * a writer schema the reader cannot resolve, or bytes that are not a record of that schema. The message is the
 * reason a dead letter carries.
 */
public class WireException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WireException(String reason) {
        super(reason);
    }

    public WireException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
