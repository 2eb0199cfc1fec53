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
 * @param shadowSignals signals raised by shadow rules ({@code mode: shadow} in the catalogue): recorded only, never
 *                  part of {@code signals}, a score or an alert
 */
public record AccountOutcome(String accountId, String txId, List<Signal> signals, List<Alert> alerts,
        List<Signal> shadowSignals) {

    /** An outcome without shadow signals. */
    public AccountOutcome(String accountId, String txId, List<Signal> signals, List<Alert> alerts) {
        this(accountId, txId, signals, alerts, List.of());
    }

    static AccountOutcome nothing(String accountId, String txId) {
        return new AccountOutcome(accountId, txId, List.of(), List.of());
    }
}
