package org.htscreen.job.operators;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.PartyProfile;

/** A profile goes to the state of each account the party holds. */
public final class ProfileToAccounts implements FlatMapFunction<PartyProfile, AccountInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(PartyProfile p, Collector<AccountInput> out) {
        for (String account : p.getAccountIds()) {
            out.collect(AccountInput.newBuilder().setAccountId(account).setProfile(p).build());
        }
    }
}
