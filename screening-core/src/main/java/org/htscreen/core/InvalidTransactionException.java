package org.htscreen.core;

/** A transaction that cannot be screened (the message says why); nothing about it was kept. */
public class InvalidTransactionException extends IllegalArgumentException {
    public InvalidTransactionException(String txId, String reason) {
        super("transaction " + InputProblem.shortId(txId) + ": " + reason);
    }
}
