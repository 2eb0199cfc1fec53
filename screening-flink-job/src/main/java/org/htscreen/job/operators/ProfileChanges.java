package org.htscreen.job.operators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.IdentifierClaim;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.ProfileFanOut;
import org.htscreen.core.network.IdentifierKind;
import org.htscreen.job.ScreeningPipeline;

/**
 * Keyed by party: compares a profile with the party's previous one and claims (or withdraws) each identifier, so
 * that the identifier index learns when a party stops sharing an address, phone, e-mail or device.
 */
public final class ProfileChanges extends KeyedProcessFunction<String, PartyProfile, IdentifierClaim> {

    private static final long serialVersionUID = 1L;

    private final StateTtlConfig ttl;   // null: no expiry
    private transient ValueState<PartyProfile> previous;
    private transient Counter failed;

    public ProfileChanges(StateTtlConfig ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<PartyProfile> d = new ValueStateDescriptor<>("previous-profile", new AvroTypeInfo<>(PartyProfile.class));
        StateExpiry.apply(d, ttl);
        previous = getRuntimeContext().getState(d);
        failed = DeadLetters.failureCounter(getRuntimeContext().getMetricGroup());
    }

    /**
     * Emits the claims of a newer profile and stores it; a profile it cannot handle becomes a dead letter, and the
     * stored one stays.
     */
    @Override
    public void processElement(PartyProfile given, Context ctx, Collector<IdentifierClaim> out) throws Exception {
        PartyProfile p = ProfileFanOut.bounded(given);   // the accounts that receive the profile join its groups
        PartyProfile before = previous.value();
        if (before != null && before.getUpdatedAt().isAfter(p.getUpdatedAt())) {
            return;   // an older version arriving late: the newer one stands
        }
        List<IdentifierClaim> claims;
        try {
            claims = claims(before, p);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.failure(ScreeningPipeline.UID_PROFILE_CHANGES, ctx.getCurrentKey(), p, e));
            return;
        }
        claims.forEach(out::collect);
        previous.update(p);
    }

    private static List<IdentifierClaim> claims(PartyProfile before, PartyProfile p) {
        long time = p.getUpdatedAt().toEpochMilli();
        List<IdentifierClaim> claims = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (IdentifierKind.Identifier id : IdentifierKind.of(p)) {
            now.add(id.key());
            claims.add(claim(id, p, true, time));
        }
        for (IdentifierKind.Identifier id : IdentifierKind.of(before)) {
            if (!now.contains(id.key())) {
                claims.add(claim(id, p, false, time));
            }
        }
        return claims;
    }

    private static IdentifierClaim claim(IdentifierKind.Identifier id, PartyProfile p, boolean present, long time) {
        return IdentifierClaim.newBuilder().setKind(id.kind().name()).setValue(id.value()).setPartyId(p.getPartyId())
                .setAccountIds(p.getAccountIds()).setPresent(present).setTime(time).build();
    }
}
