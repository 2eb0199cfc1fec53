package org.htscreen.core;

/** A customer profile that cannot be stored (the message says why); nothing about it was kept. */
public class InvalidProfileException extends IllegalArgumentException {

    private final String problem;

    public InvalidProfileException(String partyId, String problem) {
        super("profile " + InputProblem.shortId(partyId) + ": " + problem);
        this.problem = problem;
    }

    /** The reason alone, {@code field: reason}. */
    public String problem() {
        return problem;
    }
}
