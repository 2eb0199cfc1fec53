package org.htscreen.core;

import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Suppression;

/**
 * What screening one account side produced.
 *
 * @param accountId     the screened account
 * @param txId          the screened transaction
 * @param signals       signals raised by this transaction (exempted ones too: exemptions suppress alerts, not signals)
 * @param alerts        alerts raised (after suppression)
 * @param suppressions  alerts that exemptions kept from being raised, each naming the exemptions (ADR 0017)
 * @param expired       exemptions of the account found expired at this transaction's event time, each reported once
 * @param shadowSignals signals raised by shadow rules ({@code mode: shadow} in the catalogue): recorded only, never
 *                      part of {@code signals}, a score or an alert
 */
public record AccountOutcome(String accountId, String txId, List<Signal> signals, List<Alert> alerts,
        List<Suppression> suppressions, List<Exemption> expired, List<Signal> shadowSignals) {

    /** An outcome without suppressions and shadow signals. */
    public AccountOutcome(String accountId, String txId, List<Signal> signals, List<Alert> alerts) {
        this(accountId, txId, signals, alerts, List.of(), List.of(), List.of());
    }

    static AccountOutcome nothing(String accountId, String txId) {
        return new AccountOutcome(accountId, txId, List.of(), List.of());
    }
}
