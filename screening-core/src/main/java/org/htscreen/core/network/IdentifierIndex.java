package org.htscreen.core.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.htscreen.avro.PartyProfile;

/**
 * In-memory index of shared identifiers for the embedded engine: one {@link IdentifierGroup} per identifier.
 * Not thread-safe.
 */
public final class IdentifierIndex {

    private final Map<String, IdentifierGroup> groups = new HashMap<>();
    private final int maxParties;

    /** An index whose groups keep {@link IdentifierGroup#DEFAULT_MAX_PARTIES} members. */
    public IdentifierIndex() {
        this(IdentifierGroup.DEFAULT_MAX_PARTIES);
    }

    /** An index whose groups keep at most {@code maxParties} members (see {@link IdentifierGroup}). */
    public IdentifierIndex(int maxParties) {
        if (maxParties < 2) {
            throw new IllegalArgumentException("maxParties must be at least 2, got " + maxParties);
        }
        this.maxParties = maxParties;
    }

    /**
     * Applies a profile upsert (the previous version of the same party, if any, says which identifiers it
     * dropped) and returns the findings for the accounts concerned.
     */
    public List<LinkUpdate> update(PartyProfile previous, PartyProfile current) {
        long time = current.getUpdatedAt().toEpochMilli();
        List<LinkUpdate> out = new ArrayList<>();
        Set<String> now = IdentifierKind.of(current).stream().map(IdentifierKind.Identifier::key).collect(Collectors.toSet());
        for (IdentifierKind.Identifier old : IdentifierKind.of(previous)) {
            if (!now.contains(old.key())) {
                IdentifierGroup g = groups.get(old.key());
                if (g != null) {
                    out.addAll(g.apply(current.getPartyId(), List.of(), false, time));
                }
            }
        }
        for (IdentifierKind.Identifier id : IdentifierKind.of(current)) {
            out.addAll(groups.computeIfAbsent(id.key(), k -> new IdentifierGroup(id, IdentifierGroup.Members.inMemory(),
                            IdentifierGroup.Members.inMemory(), maxParties))
                    .apply(current.getPartyId(), current.getAccountIds(), true, time));
        }
        return out;
    }
}
