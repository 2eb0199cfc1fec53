package org.htscreen.core.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.reference.ReferenceData;

/** Turns one side of a transaction into the compact {@link HistoryEntry} the engine keeps per account. */
public final class HistoryEntries {

    /**
     * Characters kept of each text field of a history entry (counterparty, passenger, town, ids); longer values are
     * cut when they enter the history, so that an entry's size is bounded (ids and names of real traffic are far
     * shorter). Together with {@code engine.max_history_bytes} this bounds an account's history in bytes.
     */
    public static final int MAX_STRING_CHARS = 256;

    private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private HistoryEntries() {
    }

    /** Builds the history entry of one account side, with its flags looked up in the reference data. */
    public static HistoryEntry of(AccountSide side, ReferenceData ref) {
        Transaction tx = side.tx();
        TransactionParty cp = side.counterparty();
        Merchant m = tx.getMerchant();
        Terminal term = tx.getTerminal();
        Instant t = tx.getEventTime();
        LocalDateTime local = LocalDateTime.ofInstant(t, zone(tx.getZoneId()));

        String counterparty = cp == null ? null
                : firstNonNull(cp.getAccountId(), cp.getPartyId(), cp.getName());
        if (m != null && !side.credit()) {
            counterparty = firstNonNull(m.getId(), m.getName(), counterparty);
        }
        PartyType cpType = cp == null ? null : cp.getType();
        if (cpType == null && m != null) {
            cpType = PartyType.BUSINESS;
        }
        String country = firstNonNull(m == null ? null : m.getCountry(), cp == null ? null : cp.getCountry(),
                term == null ? null : term.getCountry());

        // Every field is set here; the record's setters skip the builder's per-field validation and default
        // look-ups, which cost more than the rest of this method (a field added to the schema must be set here).
        HistoryEntry e = new HistoryEntry();
        e.setTxId(cut(tx.getTxId()));
        e.setTime(t.toEpochMilli());
        e.setLocalDay((int) local.toLocalDate().toEpochDay());
        e.setLocalMinute(local.getHour() * 60 + local.getMinute());
        e.setCredit(side.credit());
        e.setChannel(tx.getChannel());
        e.setAmountEur(amountEur(tx.getAmount(), tx.getCurrency(), ref));
        e.setMcc(cut(m == null ? null : m.getMcc()));
        e.setCounterparty(cut(counterparty));
        e.setCounterpartyType(cpType);
        e.setCountry(cut(country));
        e.setTerminalId(cut(term != null ? term.getId() : m == null ? null : m.getId()));
        e.setTown(cut(term != null ? firstNonNull(term.getCity(), term.getDistrict()) : m == null ? null : m.getCity()));
        e.setWhiteLabel(term != null && term.getWhiteLabel());
        e.setConductor(cut(conductor(side)));
        e.setFlags(flags(side, ref));
        e.setRefundOf(cut(tx.getRefundOfTxId()));
        e.setPassenger(cut(tx.getPassengerName()));
        e.setDeviceId(cut(tx.getDeviceId()));
        return e;
    }

    /** A text field as the history keeps it: at most {@link #MAX_STRING_CHARS} characters. */
    static String cut(String value) {
        return value == null || value.length() <= MAX_STRING_CHARS ? value : value.substring(0, MAX_STRING_CHARS);
    }

    /** Amount in EUR; NaN when the currency has no rate (validation rejects such transactions first). */
    public static double amountEur(BigDecimal amount, String currency, ReferenceData ref) {
        return amount.doubleValue() * ref.eurPerUnit(currency);
    }

    private static String conductor(AccountSide side) {
        Transaction tx = side.tx();
        if (!isCash(tx.getChannel())) {
            return null;
        }
        String c = tx.getConductorPartyId();
        if (c == null && side.credit() && tx.getOriginator() != null) {
            c = tx.getOriginator().getPartyId();
        }
        return c != null && !c.equals(side.partyId()) ? c : null;
    }

    private static int flags(AccountSide side, ReferenceData ref) {
        Transaction tx = side.tx();
        TransactionParty cp = side.counterparty();
        Merchant m = tx.getMerchant();
        int flags = 0;
        String text = ReferenceData.examined(tx.getReference());
        Set<String> classes = ref.keywordClasses(text);
        String cpName = cp == null ? null : cp.getName();
        if (classes.contains("escort") || ref.keywordClasses(cpName).contains("escort")) {
            flags |= EntryFlag.ESCORT_TEXT.bit();
        }
        if (text != null && text.indexOf('(') >= 0 && AliasInBrackets.find(text)) {
            flags |= EntryFlag.ALIAS_IN_BRACKETS.bit();
        }
        if (classes.contains("vague_purpose")) {
            flags |= EntryFlag.VAGUE_PURPOSE.bit();
        }
        if (classes.contains("rent")) {
            flags |= EntryFlag.RENT_TEXT.bit();
        }
        if (classes.contains("marriage")) {
            flags |= EntryFlag.MARRIAGE_TEXT.bit();
        }
        if (classes.contains("recruitment")) {
            flags |= EntryFlag.RECRUITMENT_TEXT.bit();
        }
        String purpose = tx.getPurposeCode();
        if ("SALA".equalsIgnoreCase(purpose) || classes.contains("salary")) {
            flags |= EntryFlag.SALARY.bit();
        }
        String cpAccount = cp == null ? null : cp.getAccountId();
        if ("BENE".equalsIgnoreCase(purpose) || ref.onPayeeList("benefit_payers", cpAccount)) {
            flags |= EntryFlag.BENEFIT.bit();
        }
        if (m != null && ref.adultAdvertMerchant(m.getId(), m.getName())) {
            flags |= EntryFlag.ADULT_MERCHANT.bit();
        }
        String payeeName = ReferenceData.payeeName(cpName);
        if (ref.payeeByNormalName("social_insurance", cpAccount, payeeName)) {
            flags |= EntryFlag.SOCIAL_INSURANCE.bit();
        }
        if (ref.payeeByNormalName("tax", cpAccount, payeeName)) {
            flags |= EntryFlag.TAX.bit();
        }
        if (ref.onPayeeList("municipalities", cpAccount) || (cp != null && cp.getType() == PartyType.MUNICIPALITY)) {
            flags |= EntryFlag.MUNICIPALITY.bit();
        }
        if (ref.onPayeeList("migration_authorities", cpAccount)) {
            flags |= EntryFlag.MIGRATION_AUTHORITY.bit();
        }
        if (ref.onPayeeList("licensed_agencies", cpAccount)) {
            flags |= EntryFlag.LICENSED_AGENCY.bit();
        }
        if ((m != null && ref.inMccGroup(m.getMcc(), "living_costs")) || classes.contains("living_cost")
                || (!side.credit() && classes.contains("rent"))) {
            flags |= EntryFlag.LIVING_COST.bit();
        }
        return flags;
    }

    /** Cash at a branch or ATM, in or out. */
    public static boolean isCash(Channel c) {
        return c == Channel.CASH_BRANCH || c == Channel.ATM_DEPOSIT || c == Channel.ATM_WITHDRAWAL;
    }

    static ZoneId zone(String id) {
        return ZONES.computeIfAbsent(id == null || id.isBlank() ? "UTC" : id, ZoneId::of);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
