package org.htscreen.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.reference.ReferenceData;

/**
 * Checks a transaction before screening; hosts send rejected ones to their dead-letter channel with the reason.
 * A transaction that passes screens without any exception: every required value is present, the amount is
 * positive and within the schema's precision and scale, the currency has an FX rate, the event time and zone are
 * valid and within {@link InputLimits}, strings are capped, and one side is an account of the bank. Thread-safe.
 */
public final class TransactionValidator {

    private final ReferenceData ref;

    public TransactionValidator(ReferenceData ref) {
        this.ref = ref;
    }

    /** The reason ({@code field: reason}) the transaction cannot be screened, or empty when it can. */
    public Optional<String> problem(Transaction tx) {
        return check(tx).map(InputProblem::toString);
    }

    /** The problem (field and reason) that keeps the transaction from being screened, or empty when it can. */
    public Optional<InputProblem> check(Transaction tx) {
        FieldChecks c = new FieldChecks();
        if (!c.present("-", tx)) {
            return Optional.of(c.first());
        }
        c.required("txId", tx.getTxId(), InputLimits.MAX_ID_LENGTH);
        if (c.present("amount", tx.getAmount())) {
            c.decimal("amount", tx.getAmount(), true);
        }
        c.required("currency", tx.getCurrency(), InputLimits.MAX_ID_LENGTH);
        if (c.ok() && !ref.knowsCurrency(tx.getCurrency())) {
            c.fail("currency", "unknown currency " + InputProblem.quote(tx.getCurrency())
                    + " (no FX rate in reference/fx-rates.yaml)");
        }
        c.time("eventTime", tx.getEventTime());
        c.required("zoneId", tx.getZoneId(), InputLimits.MAX_ID_LENGTH);
        if (c.ok() && !validZone(tx.getZoneId())) {
            c.fail("zoneId", "invalid zoneId " + InputProblem.quote(tx.getZoneId()));
        }
        c.present("status", tx.getStatus());
        c.present("channel", tx.getChannel());
        c.present("direction", tx.getDirection());
        party(c, ORIGINATOR, tx.getOriginator());
        party(c, BENEFICIARY, tx.getBeneficiary());
        Merchant m = tx.getMerchant();
        if (c.ok() && m != null) {
            c.optional("merchant.id", m.getId(), InputLimits.MAX_ID_LENGTH);
            c.required("merchant.mcc", m.getMcc(), InputLimits.MAX_ID_LENGTH);
            c.optional("merchant.name", m.getName(), InputLimits.MAX_NAME_LENGTH);
            c.optional("merchant.city", m.getCity(), InputLimits.MAX_NAME_LENGTH);
            c.optional("merchant.country", m.getCountry(), InputLimits.MAX_ID_LENGTH);
        }
        Terminal t = tx.getTerminal();
        if (c.ok() && t != null) {
            c.required("terminal.id", t.getId(), InputLimits.MAX_ID_LENGTH);
            c.optional("terminal.city", t.getCity(), InputLimits.MAX_NAME_LENGTH);
            c.optional("terminal.district", t.getDistrict(), InputLimits.MAX_NAME_LENGTH);
            c.optional("terminal.country", t.getCountry(), InputLimits.MAX_ID_LENGTH);
            c.present("terminal.whiteLabel", t.getWhiteLabel());
        }
        c.optional("deviceId", tx.getDeviceId(), InputLimits.MAX_ID_LENGTH);
        c.optional("ipHash", tx.getIpHash(), InputLimits.MAX_ID_LENGTH);
        c.optional("reference", tx.getReference(), InputLimits.MAX_TEXT_LENGTH);
        c.optional("purposeCode", tx.getPurposeCode(), InputLimits.MAX_ID_LENGTH);
        c.optional("conductorPartyId", tx.getConductorPartyId(), InputLimits.MAX_ID_LENGTH);
        c.optional("refundOfTxId", tx.getRefundOfTxId(), InputLimits.MAX_ID_LENGTH);
        c.optional("passengerName", tx.getPassengerName(), InputLimits.MAX_NAME_LENGTH);
        List<AccountSide> sides = c.ok() ? AccountSide.of(tx) : List.of();
        for (AccountSide side : sides) {
            c.required((side.credit() ? BENEFICIARY : ORIGINATOR)[ACCOUNT_ID], side.accountId(),
                    InputLimits.MAX_ID_LENGTH);
        }
        if (c.ok() && sides.isEmpty()) {
            c.fail(tx.getDirection() == org.htscreen.avro.Direction.OUTBOUND ? "originator.accountId"
                    : "beneficiary.accountId", "no account of the bank on the " + tx.getDirection().name()
                    .toLowerCase(java.util.Locale.ROOT)
                    + " side (originator.accountId / beneficiary.accountId missing)");
        }
        return Optional.ofNullable(c.first());
    }

    /** Field names of a party, built once: the party itself, then its fields in {@link #party} order. */
    private static String[] partyFields(String party) {
        return new String[] {party, party + ".accountId", party + ".partyId", party + ".name", party + ".bic",
                party + ".country"};
    }

    private static final int ACCOUNT_ID = 1;
    private static final String[] ORIGINATOR = partyFields("originator");
    private static final String[] BENEFICIARY = partyFields("beneficiary");
    /** Zone ids already found valid (a few dozen in practice; bounded so that hostile input cannot grow it). */
    private static final Set<String> VALID_ZONES = ConcurrentHashMap.newKeySet();
    private static final int MAX_ZONES_KEPT = 1_000;

    private static boolean validZone(String id) {
        if (VALID_ZONES.contains(id)) {
            return true;
        }
        try {
            java.time.ZoneId.of(id);
        } catch (RuntimeException e) {
            return false;
        }
        if (VALID_ZONES.size() < MAX_ZONES_KEPT) {
            VALID_ZONES.add(id);
        }
        return true;
    }

    private static void party(FieldChecks c, String[] field, TransactionParty p) {
        if (!c.present(field[0], p)) {
            return;
        }
        c.optional(field[ACCOUNT_ID], p.getAccountId(), InputLimits.MAX_ID_LENGTH);
        c.optional(field[2], p.getPartyId(), InputLimits.MAX_ID_LENGTH);
        c.optional(field[3], p.getName(), InputLimits.MAX_NAME_LENGTH);
        c.optional(field[4], p.getBic(), InputLimits.MAX_ID_LENGTH);
        c.optional(field[5], p.getCountry(), InputLimits.MAX_ID_LENGTH);
    }
}
