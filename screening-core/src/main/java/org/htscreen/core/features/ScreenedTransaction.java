package org.htscreen.core.features;

import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * The transaction being screened, from the screened account's side, as a rule fact. Rules use it to decide
 * whether this transaction is one their indicator is about (a cash deposit, a card payment at a hotel, ...).
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class ScreenedTransaction {

    private final String accountId;
    private final HistoryEntry e;
    private final ReferenceData ref;

    public ScreenedTransaction(String accountId, HistoryEntry entry, ReferenceData ref) {
        this.accountId = accountId;
        this.e = entry;
        this.ref = ref;
    }

    public String getAccountId() {
        return accountId;
    }

    public HistoryEntry entry() {
        return e;
    }

    public String getTxId() {
        return e.getTxId();
    }

    public long getTime() {
        return e.getTime();
    }

    public boolean isCredit() {
        return e.getCredit();
    }

    public boolean isDebit() {
        return !e.getCredit();
    }

    public Channel getChannel() {
        return e.getChannel();
    }

    public double getAmountEur() {
        return e.getAmountEur();
    }

    public String getMcc() {
        return e.getMcc();
    }

    public String getCountry() {
        return e.getCountry();
    }

    public String getCounterparty() {
        return e.getCounterparty();
    }

    public PartyType getCounterpartyType() {
        return e.getCounterpartyType();
    }

    public int getLocalHour() {
        return FeatureContext.localHour(e);
    }

    public int getLocalMinute() {
        return e.getLocalMinute();
    }

    /** Cash paid in at a branch or ATM. */
    public boolean isCashIn() {
        return FeatureContext.cashIn(e);
    }

    /** Cash taken out at a branch or ATM. */
    public boolean isCashOut() {
        return FeatureContext.cashOut(e);
    }

    /** A card payment (present or not). */
    public boolean isCard() {
        return e.getChannel() == Channel.CARD_PRESENT || e.getChannel() == Channel.CARD_NOT_PRESENT;
    }

    /** A transfer of any kind (domestic, SEPA, SWIFT, instant, remittance). */
    public boolean isTransfer() {
        return switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE -> true;
            default -> false;
        };
    }

    /** Whether the transaction's MCC is in a reference group, e.g. {@code inMccGroup("lodging")}. */
    public boolean inMccGroup(String group) {
        return ref.inMccGroup(e.getMcc(), group);
    }

    /** Whether the transaction carries a reference-data flag. */
    public boolean has(EntryFlag flag) {
        return flag.in(e.getFlags());
    }

    /** Whether the counterparty or merchant country is on a reference country list. */
    public boolean countryIn(String list) {
        return ref.inCountryList(list, e.getCountry());
    }
}
