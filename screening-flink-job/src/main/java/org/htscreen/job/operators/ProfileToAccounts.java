package org.htscreen.job.operators;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.ProfileFanOut;

/**
 * A profile goes to the state of each account the party holds (the profile was fully checked when decoded), at most
 * {@link ProfileFanOut#MAX_ACCOUNTS} of them (the accounts left out are counted in the metric
 * {@code htscreen.profile_accounts_dropped}; validation refuses such profiles first).
 */
public final class ProfileToAccounts extends ProcessFunction<PartyProfile, AccountInput> {

    private static final long serialVersionUID = 1L;

    /** Metric (group {@code htscreen}): accounts of over-long profiles that did not receive the profile. */
    public static final String ACCOUNTS_DROPPED = "profile_accounts_dropped";

    private transient Counter dropped;

    @Override
    public void open(OpenContext openContext) {
        dropped = getRuntimeContext().getMetricGroup().addGroup("htscreen").counter(ACCOUNTS_DROPPED);
    }

    @Override
    public void processElement(PartyProfile given, Context ctx, Collector<AccountInput> out) {
        PartyProfile p = ProfileFanOut.bounded(given);
        if (p != given) {
            dropped.inc(ProfileFanOut.dropped(given));
        }
        for (String account : p.getAccountIds()) {
            out.collect(AccountInput.newBuilder().setAccountId(account).setProfile(p).build());
        }
    }
}
