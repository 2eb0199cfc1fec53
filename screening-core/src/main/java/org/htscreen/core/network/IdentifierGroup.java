package org.htscreen.core.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.htscreen.avro.IdentifierLink;

/**
 * The parties that share one identifier (an address, phone, e-mail or device), and the findings to send to
 * their accounts when the group changes. A host keeps one group per identifier: in a map, or in Flink keyed
 * state keyed by {@link IdentifierKind.Identifier#key()}.
 *
 * <p>Cost is bounded by a cap of {@code maxParties} members ({@link #DEFAULT_MAX_PARTIES}): up to the cap every
 * member's accounts hear every change with the group's size, as always. Parties beyond it wait in a second list
 * and each gets one finding "shared by more than K customers" (a party count of K + 1) when it joins; the members
 * are told that once, when the group passes the cap, and not again while it stays beyond. When a member leaves, a
 * waiting party takes its place; when the group shrinks back to the cap, every member is told its size again.
 * So a change costs at most the members' accounts, and a group of n parties sends O(K² + n) findings instead of
 * O(n²). The cap must exceed the rules' party thresholds (at most 100 in the catalogue) for them to behave as
 * without it. Blank and placeholder identifiers never form a group ({@link IdentifierKind#of}).
 */
public final class IdentifierGroup {

    /** Default cap of members that hear every change of their group. */
    public static final int DEFAULT_MAX_PARTIES = 250;

    /** Party to accounts, kept in memory or in a host's state (Flink {@code MapState} in the job). */
    public interface Members {
        /** The party's accounts, or null when it is not in this list. */
        List<String> get(String partyId);

        void put(String partyId, List<String> accountIds);

        void remove(String partyId);

        int size();

        Iterable<Map.Entry<String, List<String>>> entries();

        /** A list in memory, in party order. */
        static Members inMemory() {
            return new InMemory();
        }
    }

    /** At most this many parties and accounts are named in a finding (the counts are always complete). */
    public static final int MAX_NAMED = 20;

    private final IdentifierKind.Identifier identifier;
    private final Members members;
    private final Members waiting;
    private final int maxParties;

    /** A group in memory with the default cap. */
    public IdentifierGroup(IdentifierKind.Identifier identifier) {
        this(identifier, Members.inMemory(), Members.inMemory(), DEFAULT_MAX_PARTIES);
    }

    /**
     * A group over stored lists.
     *
     * @param members    parties that hear every change (at most {@code maxParties})
     * @param waiting    parties beyond the cap
     * @param maxParties the cap, at least 2
     */
    public IdentifierGroup(IdentifierKind.Identifier identifier, Members members, Members waiting, int maxParties) {
        if (maxParties < 2) {
            throw new IllegalArgumentException("maxParties must be at least 2, got " + maxParties);
        }
        this.identifier = identifier;
        this.members = members;
        this.waiting = waiting;
        this.maxParties = maxParties;
    }

    /** Parties in the group, members and waiting. */
    public int size() {
        return members.size() + waiting.size();
    }

    /**
     * Adds (or updates) a party with its accounts, or removes it.
     *
     * @return findings for every account concerned; empty when nothing is shared before or after
     */
    public List<LinkUpdate> apply(String partyId, List<String> accountIds, boolean present, long time) {
        List<String> asMember = members.get(partyId);
        List<String> asWaiting = asMember == null ? waiting.get(partyId) : null;
        List<String> previous = asMember != null ? asMember : asWaiting;
        int before = size();
        if (present) {
            if (previous != null && previous.equals(accountIds)) {
                return List.of();
            }
            List<String> accounts = List.copyOf(accountIds);
            if (asMember != null || (asWaiting == null && members.size() < maxParties)) {
                members.put(partyId, accounts);
            } else {
                waiting.put(partyId, accounts);
            }
        } else {
            if (previous == null) {
                return List.of();
            }
            if (asMember != null) {
                members.remove(partyId);
                promoteOne();
            } else {
                waiting.remove(partyId);
            }
        }
        int after = size();
        if (before < 2 && after < 2) {
            return List.of();
        }
        Set<String> own = new LinkedHashSet<>();
        if (previous != null) {
            own.addAll(previous);
        }
        if (present) {
            own.addAll(accountIds);
        }
        boolean wasBeyond = before > maxParties;
        boolean isBeyond = after > maxParties;
        if (wasBeyond && isBeyond) {
            // the group stays beyond the cap: only the party's own accounts change
            Set<String> stillIn = present ? new HashSet<>(accountIds) : Set.of();
            return findings(own, stillIn, maxParties + 1, -1, time);
        }
        Set<String> notify = new LinkedHashSet<>(own);
        Set<String> memberAccounts = new HashSet<>();
        int accountCount = 0;
        for (Map.Entry<String, List<String>> e : members.entries()) {
            notify.addAll(e.getValue());
            memberAccounts.addAll(e.getValue());
            accountCount += e.getValue().size();
        }
        if (present && isBeyond && asMember == null) {
            memberAccounts.addAll(accountIds);   // the newcomer that takes the group past the cap waits
        }
        return findings(notify, memberAccounts, Math.min(after, maxParties + 1), accountCount, time);
    }

    /** Moves one waiting party to the members, after a member left. */
    private void promoteOne() {
        Iterator<Map.Entry<String, List<String>>> it = waiting.entries().iterator();
        if (it.hasNext() && members.size() < maxParties) {
            Map.Entry<String, List<String>> e = it.next();
            String party = e.getKey();
            List<String> accounts = e.getValue();
            waiting.remove(party);
            members.put(party, accounts);
        }
    }

    private List<LinkUpdate> findings(Set<String> notify, Set<String> inGroup, int partyCount, int accountCount,
            long time) {
        List<String> namedParties = new ArrayList<>();
        List<String> namedAccounts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : members.entries()) {
            if (namedParties.size() >= MAX_NAMED && namedAccounts.size() >= MAX_NAMED) {
                break;
            }
            if (namedParties.size() < MAX_NAMED) {
                namedParties.add(e.getKey());
            }
            for (String acc : e.getValue()) {
                if (namedAccounts.size() < MAX_NAMED && !namedAccounts.contains(acc)) {
                    namedAccounts.add(acc);
                }
            }
        }
        List<LinkUpdate> out = new ArrayList<>(notify.size());
        for (String account : notify) {
            boolean member = inGroup.contains(account);
            IdentifierLink link = IdentifierLink.newBuilder()
                    .setKind(identifier.kind().name())
                    .setIdentifier(identifier.value())
                    .setPartyCount(member ? partyCount : 0)
                    .setAccountCount(member ? Math.max(accountCount, 0) : 0)
                    .setPartyIds(member ? namedParties : List.of())
                    .setAccountIds(member ? namedAccounts : List.of())
                    .setTime(time)
                    .build();
            out.add(new LinkUpdate(account, link));
        }
        return out;
    }

    private static final class InMemory implements Members {
        private final Map<String, List<String>> map = new TreeMap<>();

        @Override
        public List<String> get(String partyId) {
            return map.get(partyId);
        }

        @Override
        public void put(String partyId, List<String> accountIds) {
            map.put(partyId, accountIds);
        }

        @Override
        public void remove(String partyId) {
            map.remove(partyId);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Iterable<Map.Entry<String, List<String>>> entries() {
            return map.entrySet();
        }
    }
}
