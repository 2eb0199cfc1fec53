package org.htscreen.core;

import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;

/**
 * What screening one account side produced.
 *
 * @param accountId the screened account
 * @param txId      the screened transaction
 * @param signals   signals raised by this transaction
 * @param alerts    alerts raised (after suppression)
 */
public record AccountOutcome(String accountId, String txId, List<Signal> signals, List<Alert> alerts) {

    static AccountOutcome nothing(String accountId, String txId) {
        return new AccountOutcome(accountId, txId, List.of(), List.of());
    }
}
