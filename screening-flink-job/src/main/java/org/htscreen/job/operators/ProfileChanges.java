package org.htscreen.job.operators;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.IdentifierClaim;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.ProfileFanOut;
import org.htscreen.core.network.IdentifierKind;

/**
 * Keyed by party: compares a profile with the party's previous one and claims (or withdraws) each identifier, so
 * that the identifier index learns when a party stops sharing an address, phone, e-mail or device.
 */
public final class ProfileChanges extends KeyedProcessFunction<String, PartyProfile, IdentifierClaim> {

    private static final long serialVersionUID = 1L;

    private final StateTtlConfig ttl;
    private transient ValueState<PartyProfile> previous;

    public ProfileChanges(StateTtlConfig ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<PartyProfile> d = new ValueStateDescriptor<>("previous-profile", new AvroTypeInfo<>(PartyProfile.class));
        d.enableTimeToLive(ttl);
        previous = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(PartyProfile given, Context ctx, Collector<IdentifierClaim> out) throws Exception {
        PartyProfile p = ProfileFanOut.bounded(given);   // the accounts that receive the profile join its groups
        PartyProfile before = previous.value();
        if (before != null && before.getUpdatedAt().isAfter(p.getUpdatedAt())) {
            return;   // an older version arriving late: the newer one stands
        }
        long time = p.getUpdatedAt().toEpochMilli();
        Set<String> now = new HashSet<>();
        for (IdentifierKind.Identifier id : IdentifierKind.of(p)) {
            now.add(id.key());
            out.collect(claim(id, p, true, time));
        }
        for (IdentifierKind.Identifier id : IdentifierKind.of(before)) {
            if (!now.contains(id.key())) {
                out.collect(claim(id, p, false, time));
            }
        }
        previous.update(p);
    }

    private static IdentifierClaim claim(IdentifierKind.Identifier id, PartyProfile p, boolean present, long time) {
        return IdentifierClaim.newBuilder().setKind(id.kind().name()).setValue(id.value()).setPartyId(p.getPartyId())
                .setAccountIds(p.getAccountIds()).setPresent(present).setTime(time).build();
    }
}
