package org.htscreen.report.goaml;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.Direction;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;

/**
 * What a draft is joined with: the transactions (by id) and the customer profiles (by account and party, the latest
 * {@code updatedAt} winning). The bank's own accounts are those of the profiles and the own sides of the
 * transactions (the beneficiary of an inbound, the originator of an outbound, both of an internal one). Not
 * thread-safe while filled.
 */
public final class ReportInputs {

    private final Map<String, Transaction> transactions = new HashMap<>();
    private final Map<String, PartyProfile> byAccount = new HashMap<>();
    private final Map<String, PartyProfile> byParty = new HashMap<>();
    private final Set<String> bankAccounts = new HashSet<>();

    /** Adds a transaction (a later one with the same id replaces it). */
    public ReportInputs add(Transaction tx) {
        transactions.put(tx.getTxId(), tx);
        Direction d = tx.getDirection();
        if (d == Direction.INBOUND || d == Direction.INTERNAL) {
            own(tx.getBeneficiary());
        }
        if (d == Direction.OUTBOUND || d == Direction.INTERNAL) {
            own(tx.getOriginator());
        }
        return this;
    }

    /** Adds a profile; of two versions of a party the later {@code updatedAt} wins. */
    public ReportInputs add(PartyProfile p) {
        PartyProfile old = byParty.get(p.getPartyId());
        if (old != null && old.getUpdatedAt().isAfter(p.getUpdatedAt())) {
            return this;
        }
        byParty.put(p.getPartyId(), p);
        for (String a : p.getAccountIds()) {
            byAccount.put(a, p);
            bankAccounts.add(a);
        }
        return this;
    }

    private void own(TransactionParty side) {
        if (side != null && side.getAccountId() != null) {
            bankAccounts.add(side.getAccountId());
        }
    }

    Transaction transaction(String txId) {
        return transactions.get(txId);
    }

    PartyProfile profileOfAccount(String accountId) {
        return accountId == null ? null : byAccount.get(accountId);
    }

    PartyProfile profileOfParty(String partyId) {
        return partyId == null ? null : byParty.get(partyId);
    }

    boolean isBankAccount(String accountId) {
        return accountId != null && bankAccounts.contains(accountId);
    }

    /** Transactions held. */
    public int transactionCount() {
        return transactions.size();
    }
}
