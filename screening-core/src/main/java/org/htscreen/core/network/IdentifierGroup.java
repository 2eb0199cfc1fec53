package org.htscreen.core.network;

import java.util.ArrayList;
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
 */
public final class IdentifierGroup {

    /** At most this many parties and accounts are named in a finding (the counts are always complete). */
    public static final int MAX_NAMED = 20;

    private final IdentifierKind.Identifier identifier;
    private final Map<String, List<String>> accountsByParty = new TreeMap<>();

    public IdentifierGroup(IdentifierKind.Identifier identifier) {
        this.identifier = identifier;
    }

    /** Restores a group from stored membership. */
    public IdentifierGroup(IdentifierKind.Identifier identifier, Map<String, List<String>> members) {
        this(identifier);
        accountsByParty.putAll(members);
    }

    public Map<String, List<String>> members() {
        return accountsByParty;
    }

    /**
     * Adds (or updates) a party with its accounts, or removes it.
     *
     * @return findings for every account concerned; empty when nothing is shared before or after
     */
    public List<LinkUpdate> apply(String partyId, List<String> accountIds, boolean present, long time) {
        List<String> previous = accountsByParty.get(partyId);
        if (present && previous != null && previous.equals(accountIds)) {
            return List.of();
        }
        Set<String> notify = new LinkedHashSet<>();
        if (previous != null) {
            notify.addAll(previous);
        }
        int before = accountsByParty.size();
        if (present) {
            accountsByParty.put(partyId, List.copyOf(accountIds));
        } else if (accountsByParty.remove(partyId) == null) {
            return List.of();
        }
        int after = accountsByParty.size();
        if (before < 2 && after < 2) {
            return List.of();
        }
        int accountCount = 0;
        for (List<String> accounts : accountsByParty.values()) {
            notify.addAll(accounts);
            accountCount += accounts.size();
        }
        List<String> namedParties = new ArrayList<>();
        List<String> namedAccounts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : accountsByParty.entrySet()) {
            if (namedParties.size() < MAX_NAMED) {
                namedParties.add(e.getKey());
            }
            for (String a : e.getValue()) {
                if (namedAccounts.size() < MAX_NAMED && !namedAccounts.contains(a)) {
                    namedAccounts.add(a);
                }
            }
        }
        List<LinkUpdate> out = new ArrayList<>(notify.size());
        for (String account : notify) {
            boolean member = accountsByParty.values().stream().anyMatch(a -> a.contains(account));
            IdentifierLink link = IdentifierLink.newBuilder()
                    .setKind(identifier.kind().name())
                    .setIdentifier(identifier.value())
                    .setPartyCount(member ? after : 0)
                    .setAccountCount(member ? accountCount : 0)
                    .setPartyIds(member ? namedParties : List.of())
                    .setAccountIds(member ? namedAccounts : List.of())
                    .setTime(time)
                    .build();
            out.add(new LinkUpdate(account, link));
        }
        return out;
    }
}
