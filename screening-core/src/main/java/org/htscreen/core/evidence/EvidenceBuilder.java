package org.htscreen.core.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.EvidenceTransaction;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.SharedIdentifier;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SignalEvidence;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.core.history.AccountSide;
import org.htscreen.core.network.IdentifierKind;

/**
 * Turns each signal's evidence transaction ids into records an analyst can read: time, amount, channel,
 * direction, counterparty, town, MCC from the account's history; for the transaction being screened also the
 * reference, the counterparty's name and account and the original amount and currency. A network signal gets the
 * shared identifiers behind it: kind, counts, the customers and accounts that share it (never the identifier).
 *
 * <p>Bounded: at most {@link #MAX_TRANSACTIONS} records per signal, the latest ones; ids beyond the cap or no
 * longer in the history (older than {@code engine.history_days}, or pushed out by
 * {@code engine.max_history_entries}) are counted in {@code omitted}.
 */
public final class EvidenceBuilder {

    /** Evidence transactions described per signal (the rules keep at most 25 evidence ids per signal too). */
    public static final int MAX_TRANSACTIONS = 25;

    /** Observed-value names that report a shared-identifier count, and the identifier kinds they count. */
    private static final Map<String, Set<IdentifierKind>> SHARED_COUNTS = Map.of(
            "address_parties", EnumSet.of(IdentifierKind.ADDRESS),
            "phone_parties", EnumSet.of(IdentifierKind.PHONE),
            "email_parties", EnumSet.of(IdentifierKind.EMAIL),
            "device_parties", EnumSet.of(IdentifierKind.DEVICE),
            "shared_identifier_parties", EnumSet.allOf(IdentifierKind.class));

    private EvidenceBuilder() {
    }

    /** Sets the evidence of every alert raised on one account side (alerts are changed in place). */
    public static void attach(List<Alert> alerts, AccountState state, AccountSide side) {
        if (alerts.isEmpty()) {
            return;
        }
        Map<String, HistoryEntry> byId = new HashMap<>();
        for (HistoryEntry e : state.getHistory()) {
            byId.put(e.getTxId(), e);
        }
        for (Alert a : alerts) {
            List<SignalEvidence> out = new ArrayList<>(a.getSignals().size());
            for (Signal s : a.getSignals()) {
                out.add(of(s, byId, state.getLinks(), side));
            }
            a.setEvidence(out);
        }
    }

    static SignalEvidence of(Signal s, Map<String, HistoryEntry> history, List<IdentifierLink> links,
            AccountSide side) {
        List<HistoryEntry> found = new ArrayList<>();
        for (String id : s.getEvidenceTxIds()) {
            HistoryEntry e = history.get(id);
            if (e != null) {
                found.add(e);
            }
        }
        found.sort(Comparator.comparingLong(HistoryEntry::getTime));
        List<HistoryEntry> kept = found.size() > MAX_TRANSACTIONS
                ? found.subList(found.size() - MAX_TRANSACTIONS, found.size()) : found;
        List<EvidenceTransaction> records = new ArrayList<>(kept.size());
        for (HistoryEntry e : kept) {
            EvidenceTransaction r = fromHistory(e);
            if (side != null && e.getTxId().equals(side.tx().getTxId()) && e.getCredit() == side.credit()) {
                addDetails(r, side);
            }
            records.add(r);
        }
        return SignalEvidence.newBuilder()
                .setRuleId(s.getRuleId())
                .setTransactions(records)
                .setSharedIdentifiers(shared(s, links))
                .setOmitted(s.getEvidenceTxIds().size() - records.size())
                .build();
    }

    /** The record as far as the account's compact history knows it. */
    static EvidenceTransaction fromHistory(HistoryEntry e) {
        return EvidenceTransaction.newBuilder()
                .setTxId(e.getTxId())
                .setTime(Instant.ofEpochMilli(e.getTime()))
                .setAmountEur(Math.round(e.getAmountEur() * 100) / 100.0)
                .setChannel(e.getChannel())
                .setDirection(e.getCredit() ? "IN" : "OUT")
                .setCounterparty(e.getCounterparty())
                .setCounterpartyCountry(e.getCountry())
                .setCounterpartyType(e.getCounterpartyType())
                .setTerminalId(e.getTerminalId())
                .setTown(e.getTown())
                .setMcc(e.getMcc())
                .setConductor(e.getConductor())
                .build();
    }

    /** Adds what only the transaction itself carries. */
    static void addDetails(EvidenceTransaction r, AccountSide side) {
        Transaction tx = side.tx();
        TransactionParty cp = side.counterparty();
        Merchant m = tx.getMerchant();
        r.setAmount(tx.getAmount());
        r.setCurrency(tx.getCurrency());
        String name = cp == null ? null : cp.getName();
        if (m != null && !side.credit() && m.getName() != null) {
            name = m.getName();
        }
        r.setCounterpartyName(name);
        r.setCounterpartyAccount(cp == null ? null : cp.getAccountId());
        r.setReference(tx.getReference());
        r.setDetailed(true);
    }

    private static List<SharedIdentifier> shared(Signal s, List<IdentifierLink> links) {
        Set<IdentifierKind> kinds = EnumSet.noneOf(IdentifierKind.class);
        for (Map.Entry<String, String> o : s.getObserved().entrySet()) {
            Set<IdentifierKind> k = SHARED_COUNTS.get(o.getKey());
            if (k != null && count(o.getValue()) >= 2) {
                kinds.addAll(k);
            }
        }
        List<SharedIdentifier> out = new ArrayList<>();
        if (kinds.isEmpty()) {
            return out;
        }
        for (IdentifierLink l : links) {
            if (l.getPartyCount() > 1 && kinds.contains(kind(l.getKind()))) {
                out.add(SharedIdentifier.newBuilder()
                        .setKind(l.getKind())
                        .setPartyCount(l.getPartyCount())
                        .setAccountCount(l.getAccountCount())
                        .setPartyIds(new ArrayList<>(l.getPartyIds()))
                        .setAccountIds(new ArrayList<>(l.getAccountIds()))
                        .build());
            }
        }
        return out;
    }

    private static IdentifierKind kind(String name) {
        try {
            return IdentifierKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static double count(String observed) {
        try {
            return Double.parseDouble(observed);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
