package org.htscreen.core;

import java.util.Optional;
import org.htscreen.avro.Transaction;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.reference.ReferenceData;

/**
 * Checks a transaction before screening; hosts send rejected ones to their dead-letter channel with the reason.
 */
public final class TransactionValidator {

    private final ReferenceData ref;

    public TransactionValidator(ReferenceData ref) {
        this.ref = ref;
    }

    /** The reason the transaction cannot be screened, or empty when it can. */
    public Optional<String> problem(Transaction tx) {
        if (tx.getTxId() == null || tx.getTxId().isBlank()) {
            return Optional.of("missing txId");
        }
        if (tx.getAmount() == null || tx.getAmount().signum() <= 0) {
            return Optional.of("amount must be positive, was " + (tx.getAmount() == null ? "missing" : tx.getAmount()));
        }
        if (!ref.knowsCurrency(tx.getCurrency())) {
            return Optional.of("unknown currency '" + tx.getCurrency() + "' (no FX rate in reference/fx-rates.yaml)");
        }
        if (tx.getEventTime() == null) {
            return Optional.of("missing eventTime");
        }
        try {
            java.time.ZoneId.of(tx.getZoneId());
        } catch (RuntimeException e) {
            return Optional.of("invalid zoneId '" + tx.getZoneId() + "'");
        }
        if (AccountSide.of(tx).isEmpty()) {
            return Optional.of("no account of the bank on the " + tx.getDirection().name().toLowerCase()
                    + " side (originator.accountId / beneficiary.accountId missing)");
        }
        return Optional.empty();
    }
}
