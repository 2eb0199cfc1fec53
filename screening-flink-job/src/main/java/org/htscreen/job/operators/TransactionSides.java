package org.htscreen.job.operators;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.Transaction;
import org.htscreen.core.history.AccountSide;
import org.htscreen.job.ScreeningPipeline;

/**
 * One input per side of a transaction that is the bank's account (both sides of an internal transfer). A
 * transaction it cannot split becomes a dead letter.
 */
public final class TransactionSides extends ProcessFunction<Transaction, AccountInput> {

    private static final long serialVersionUID = 1L;

    private transient Counter failed;

    @Override
    public void open(OpenContext openContext) {
        failed = DeadLetters.failureCounter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Transaction tx, Context ctx, Collector<AccountInput> out) {
        List<AccountSide> sides;
        try {
            sides = AccountSide.of(tx);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.failure(ScreeningPipeline.UID_SIDES, tx.getTxId(), tx, e));
            return;
        }
        for (AccountSide side : sides) {
            out.collect(AccountInput.newBuilder().setAccountId(side.accountId()).setCredit(side.credit())
                    .setPartyId(side.partyId()).setTransaction(tx).build());
        }
    }

    /** Turns an input back into the engine's account side. */
    public static AccountSide side(AccountInput in) {
        return new AccountSide(in.getAccountId(), in.getPartyId(), in.getCredit(), in.getTransaction());
    }
}
