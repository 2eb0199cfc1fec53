package org.htscreen.core.exemptions;

/** An exemptions file that cannot be used; the message names the file and line ({@code file:line: why}). */
public class InvalidExemptionsException extends IllegalArgumentException {
    public InvalidExemptionsException(String message) {
        super(message);
    }
}
