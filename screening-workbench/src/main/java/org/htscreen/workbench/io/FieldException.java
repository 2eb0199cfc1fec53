package org.htscreen.workbench.io;

/** A value that cannot be converted: the dotted field path and the reason. */
public final class FieldException extends Exception {

    private final String field;
    private final String reason;

    public FieldException(String field, String reason) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
