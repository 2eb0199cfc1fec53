package org.htscreen.job.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.PartyProfile;

/** A profile goes to the state of each account the party holds (the profile was fully checked when decoded). */
public final class ProfileToAccounts extends ProcessFunction<PartyProfile, AccountInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(PartyProfile p, Context ctx, Collector<AccountInput> out) {
        for (String account : p.getAccountIds()) {
            out.collect(AccountInput.newBuilder().setAccountId(account).setProfile(p).build());
        }
    }
}
