package org.htscreen.job.operators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.IdentifierClaim;
import org.htscreen.core.network.IdentifierGroup;
import org.htscreen.core.network.IdentifierKind;
import org.htscreen.core.network.LinkUpdate;
import org.htscreen.job.ScreeningPipeline;

/**
 * Keyed by identifier ({@code KIND:value}): the parties that share it, kept in keyed state; each change sends a
 * network finding to the state of every account concerned. The logic is the engine's {@link IdentifierGroup}.
 */
public final class IdentifierGroups extends KeyedProcessFunction<String, IdentifierClaim, AccountInput> {

    private static final long serialVersionUID = 1L;

    private final StateTtlConfig ttl;   // null: no expiry
    private transient MapState<String, List<String>> members;
    private transient Counter failed;

    public IdentifierGroups(StateTtlConfig ttl) {
        this.ttl = ttl;
    }

    private List<LinkUpdate> updates(IdentifierClaim c) throws Exception {
        Map<String, List<String>> current = new HashMap<>();
        for (Map.Entry<String, List<String>> e : members.entries()) {
            current.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        IdentifierGroup group = new IdentifierGroup(
                new IdentifierKind.Identifier(IdentifierKind.valueOf(c.getKind()), c.getValue()), current);
        return group.apply(c.getPartyId(), c.getAccountIds(), c.getPresent(), c.getTime());
    }

    /** The key of a claim: its identifier. */
    public static String key(IdentifierClaim c) {
        return c.getKind() + ":" + c.getValue();
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, List<String>> d = new MapStateDescriptor<>("identifier-members", Types.STRING,
                Types.LIST(Types.STRING));
        StateExpiry.apply(d, ttl);
        members = getRuntimeContext().getMapState(d);
        failed = DeadLetters.failureCounter(getRuntimeContext().getMetricGroup());
    }

    /**
     * Applies a claim to the group and sends its findings; a claim it cannot apply becomes a dead letter, and the
     * stored members stay as they were.
     */
    @Override
    public void processElement(IdentifierClaim c, Context ctx, Collector<AccountInput> out) throws Exception {
        List<LinkUpdate> updates;
        try {
            updates = updates(c);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.failure(ScreeningPipeline.UID_IDENTIFIERS, ctx.getCurrentKey(), c, e));
            return;
        }
        for (LinkUpdate u : updates) {
            out.collect(AccountInput.newBuilder().setAccountId(u.accountId()).setLink(u.link()).build());
        }
        if (c.getPresent()) {
            members.put(c.getPartyId(), new ArrayList<>(c.getAccountIds()));
        } else {
            members.remove(c.getPartyId());
        }
    }
}
