package org.htscreen.core.rules;

import org.htscreen.core.InvalidTransactionException;

/**
 * A rule evaluation ran longer than its time limit and was stopped ({@link RuleSession#DEFAULT_TIME_LIMIT}); the
 * transaction could not be screened. Hosts treat it like any transaction that cannot be screened: the job sends it
 * to the dead-letter topic with the reason, the workbench counts it as bad input.
 */
public final class EvaluationTimeoutException extends InvalidTransactionException {
    public EvaluationTimeoutException(String txId, String reason) {
        super(txId, reason);
    }
}
