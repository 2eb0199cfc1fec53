package org.htscreen.core.params;

/** A parameter override that is unknown, of the wrong type or out of range; the message names it and its line. */
public class InvalidParameterException extends IllegalArgumentException {
    public InvalidParameterException(String message) {
        super(message);
    }
}
