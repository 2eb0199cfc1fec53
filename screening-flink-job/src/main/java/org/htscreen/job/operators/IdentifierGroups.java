package org.htscreen.job.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 * network finding to the state of every account concerned. The logic is the engine's {@link IdentifierGroup}, over
 * the state itself (no copy of the group per claim): at most {@code maxParties} members hear every change, parties
 * beyond wait in a second map and get one "shared by more than K customers" finding.
 */
public final class IdentifierGroups extends KeyedProcessFunction<String, IdentifierClaim, AccountInput> {

    private static final long serialVersionUID = 1L;

    private final StateTtlConfig ttl;   // null: no expiry
    private final int maxParties;
    private transient StoredMembers members;
    private transient StoredMembers waiting;
    private transient Counter failed;

    /** Groups with the default cap ({@link IdentifierGroup#DEFAULT_MAX_PARTIES}). */
    public IdentifierGroups(StateTtlConfig ttl) {
        this(ttl, IdentifierGroup.DEFAULT_MAX_PARTIES);
    }

    public IdentifierGroups(StateTtlConfig ttl, int maxParties) {
        if (maxParties < 2) {
            throw new IllegalArgumentException("maxParties must be at least 2, got " + maxParties);
        }
        this.ttl = ttl;
        this.maxParties = maxParties;
    }

    /** The key of a claim: its identifier. */
    public static String key(IdentifierClaim c) {
        return c.getKind() + ":" + c.getValue();
    }

    @Override
    public void open(OpenContext openContext) {
        members = new StoredMembers(map("identifier-members"), count("identifier-member-count"));
        waiting = new StoredMembers(map("identifier-waiting"), count("identifier-waiting-count"));
        failed = DeadLetters.failureCounter(getRuntimeContext().getMetricGroup());
    }

    private MapState<String, List<String>> map(String name) {
        MapStateDescriptor<String, List<String>> d = new MapStateDescriptor<>(name, Types.STRING, Types.LIST(Types.STRING));
        StateExpiry.apply(d, ttl);
        return getRuntimeContext().getMapState(d);
    }

    private ValueState<Integer> count(String name) {
        ValueStateDescriptor<Integer> d = new ValueStateDescriptor<>(name, Types.INT);
        StateExpiry.apply(d, ttl);
        return getRuntimeContext().getState(d);
    }

    /**
     * Applies a claim to the group and sends its findings; a claim it cannot apply becomes a dead letter (the group's
     * lists may already hold the claim's change: the group is applied to its state in place, not to a copy).
     */
    @Override
    public void processElement(IdentifierClaim c, Context ctx, Collector<AccountInput> out) throws Exception {
        List<LinkUpdate> updates;
        try {
            IdentifierGroup group = new IdentifierGroup(
                    new IdentifierKind.Identifier(IdentifierKind.valueOf(c.getKind()), c.getValue()), members, waiting,
                    maxParties);
            updates = group.apply(c.getPartyId(), c.getAccountIds(), c.getPresent(), c.getTime());
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.failure(ScreeningPipeline.UID_IDENTIFIERS, ctx.getCurrentKey(), c, e));
            return;
        }
        for (LinkUpdate u : updates) {
            out.collect(AccountInput.newBuilder().setAccountId(u.accountId()).setLink(u.link()).build());
        }
    }

    /**
     * One list of a group in keyed state: a map of party to accounts and its size (counted once from the map when
     * a checkpoint of an earlier version has no size).
     */
    private static final class StoredMembers implements IdentifierGroup.Members {
        private final MapState<String, List<String>> map;
        private final ValueState<Integer> size;

        StoredMembers(MapState<String, List<String>> map, ValueState<Integer> size) {
            this.map = map;
            this.size = size;
        }

        @Override
        public List<String> get(String partyId) {
            try {
                return map.get(partyId);
            } catch (Exception e) {
                throw new IllegalStateException("identifier group state: " + e.getMessage(), e);
            }
        }

        @Override
        public void put(String partyId, List<String> accountIds) {
            try {
                boolean added = !map.contains(partyId);
                int n = size();
                map.put(partyId, new ArrayList<>(accountIds));
                if (added) {
                    size.update(n + 1);
                }
            } catch (Exception e) {
                throw new IllegalStateException("identifier group state: " + e.getMessage(), e);
            }
        }

        @Override
        public void remove(String partyId) {
            try {
                if (map.contains(partyId)) {
                    int n = size();
                    map.remove(partyId);
                    size.update(Math.max(0, n - 1));
                }
            } catch (Exception e) {
                throw new IllegalStateException("identifier group state: " + e.getMessage(), e);
            }
        }

        @Override
        public int size() {
            try {
                Integer n = size.value();
                if (n == null) {
                    int counted = 0;
                    for (Map.Entry<String, List<String>> ignored : map.entries()) {
                        counted++;
                    }
                    size.update(counted);
                    return counted;
                }
                return n;
            } catch (Exception e) {
                throw new IllegalStateException("identifier group state: " + e.getMessage(), e);
            }
        }

        @Override
        public Iterable<Map.Entry<String, List<String>>> entries() {
            try {
                Iterable<Map.Entry<String, List<String>>> all = map.entries();
                return all == null ? List.of() : all;
            } catch (Exception e) {
                throw new IllegalStateException("identifier group state: " + e.getMessage(), e);
            }
        }
    }
}
