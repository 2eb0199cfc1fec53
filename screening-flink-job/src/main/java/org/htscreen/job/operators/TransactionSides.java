package org.htscreen.job.operators;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.Transaction;
import org.htscreen.core.history.AccountSide;

/** One input per side of a transaction that is the bank's account (both sides of an internal transfer). */
public final class TransactionSides implements FlatMapFunction<Transaction, AccountInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Transaction tx, Collector<AccountInput> out) {
        for (AccountSide side : AccountSide.of(tx)) {
            out.collect(AccountInput.newBuilder().setAccountId(side.accountId()).setCredit(side.credit())
                    .setPartyId(side.partyId()).setTransaction(tx).build());
        }
    }

    /** Turns an input back into the engine's account side. */
    public static AccountSide side(AccountInput in) {
        return new AccountSide(in.getAccountId(), in.getPartyId(), in.getCredit(), in.getTransaction());
    }
}
