package org.htscreen.core;

import org.htscreen.avro.PartyProfile;

/**
 * How many accounts one profile reaches. A profile is copied into the state of each account it names, and its
 * accounts join every identifier group of the party, so a profile naming 50,000 accounts would cost 50,000 copies
 * of a 50,000-id list. Hosts (the engine, the job) use {@link #bounded} before fanning a profile out: beyond
 * {@link #MAX_ACCOUNTS} accounts the rest are dropped (and counted, {@link #dropped}). Profile validation rejects
 * such profiles first; this keeps the cost bounded whatever reaches the host.
 */
public final class ProfileFanOut {

    /** Accounts of one profile that receive it and join its identifier groups (the first ones, in the profile's order). */
    public static final int MAX_ACCOUNTS = 1_000;

    private ProfileFanOut() {
    }

    /** The profile itself when it names at most {@link #MAX_ACCOUNTS} accounts, else a copy naming the first ones. */
    public static PartyProfile bounded(PartyProfile p) {
        if (p == null || p.getAccountIds() == null || p.getAccountIds().size() <= MAX_ACCOUNTS) {
            return p;
        }
        PartyProfile copy = PartyProfile.newBuilder(p).build();
        copy.setAccountIds(java.util.List.copyOf(p.getAccountIds().subList(0, MAX_ACCOUNTS)));
        return copy;
    }

    /** Accounts of the profile that {@link #bounded} leaves out. */
    public static int dropped(PartyProfile p) {
        return p == null || p.getAccountIds() == null ? 0 : Math.max(0, p.getAccountIds().size() - MAX_ACCOUNTS);
    }
}
