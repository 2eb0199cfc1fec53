package org.htscreen.core.history;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;

/**
 * One side of a transaction as one of the bank's accounts sees it. A transfer between two of the bank's own
 * accounts has two sides and is screened for both.
 *
 * @param accountId the bank's account
 * @param partyId   its holder, where the transaction names it
 * @param credit    true when money came into the account
 * @param tx        the transaction
 */
public record AccountSide(String accountId, String partyId, boolean credit, Transaction tx) {

    /** The sides of a transaction that belong to the bank's own accounts. */
    public static List<AccountSide> of(Transaction tx) {
        List<AccountSide> sides = new ArrayList<>(2);
        Direction d = tx.getDirection();
        if (d == Direction.OUTBOUND || d == Direction.INTERNAL) {
            add(sides, tx.getOriginator(), false, tx);
        }
        if (d == Direction.INBOUND || d == Direction.INTERNAL) {
            add(sides, tx.getBeneficiary(), true, tx);
        }
        return sides;
    }

    private static void add(List<AccountSide> sides, TransactionParty own, boolean credit, Transaction tx) {
        if (own != null && own.getAccountId() != null) {
            sides.add(new AccountSide(own.getAccountId(), own.getPartyId(), credit, tx));
        }
    }

    /** The other side of the transaction, seen from this account. */
    public TransactionParty counterparty() {
        return credit ? tx.getOriginator() : tx.getBeneficiary();
    }

    /** The own side of the transaction. */
    public TransactionParty own() {
        return credit ? tx.getBeneficiary() : tx.getOriginator();
    }
}
