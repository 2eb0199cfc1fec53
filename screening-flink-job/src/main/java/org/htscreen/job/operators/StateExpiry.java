package org.htscreen.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * The optional expiry of keyed state ({@code --state-ttl}). Off by default: the profile and shared-identifier
 * memberships of an account that has been dormant for months must still be there when it comes back (a reactivated
 * dormant account is a classic mule pattern). When set, state read or written within the TTL stays.
 */
public final class StateExpiry {

    private StateExpiry() {
    }

    /** The TTL configuration of a {@code --state-ttl}, or null when it is zero (no expiry). */
    public static StateTtlConfig of(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            return null;
        }
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }

    /** Enables the TTL on a state descriptor, unless it is null. */
    public static void apply(StateDescriptor<?, ?> descriptor, StateTtlConfig ttl) {
        if (ttl != null) {
            descriptor.enableTimeToLive(ttl);
        }
    }
}
