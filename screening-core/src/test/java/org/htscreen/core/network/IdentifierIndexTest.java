package org.htscreen.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.api.Test;

/** Shared identifiers become findings on every account of the parties that share them, and are withdrawn. */
class IdentifierIndexTest {

    private static PartyProfile person(String party, String account, String phone) {
        return Profiles.person(party, account, 900).setPhoneHash(phone).build();
    }

    @Test
    void a_phone_shared_by_three_parties_reaches_all_their_accounts() {
        IdentifierIndex index = new IdentifierIndex();
        assertTrue(index.update(null, person("P1", "A1", "ph-1")).isEmpty(), "alone: nothing shared");
        List<LinkUpdate> two = index.update(null, person("P2", "A2", "ph-1"));
        assertEquals(Map.of("A1", 2, "A2", 2), counts(two));
        List<LinkUpdate> three = index.update(null, person("P3", "A3", "ph-1"));
        assertEquals(Map.of("A1", 3, "A2", 3, "A3", 3), counts(three));
        assertEquals("PHONE", three.get(0).link().getKind());
    }

    @Test
    void a_party_that_changes_its_phone_is_withdrawn_from_the_group() {
        IdentifierIndex index = new IdentifierIndex();
        PartyProfile p1 = person("P1", "A1", "ph-1");
        index.update(null, p1);
        index.update(null, person("P2", "A2", "ph-1"));
        index.update(null, person("P3", "A3", "ph-1"));
        List<LinkUpdate> moved = index.update(p1, person("P1", "A1", "ph-9"));
        Map<String, Integer> c = counts(moved.stream().filter(u -> u.link().getIdentifier().equals("ph-1")).toList());
        assertEquals(Map.of("A1", 0, "A2", 2, "A3", 2), c);
    }

    @Test
    void an_unchanged_profile_produces_no_findings() {
        IdentifierIndex index = new IdentifierIndex();
        PartyProfile p1 = person("P1", "A1", "ph-1");
        index.update(null, p1);
        index.update(null, person("P2", "A2", "ph-1"));
        assertTrue(index.update(p1, p1).isEmpty());
    }

    @Test
    void a_finding_names_the_parties_and_accounts_that_share_the_identifier_but_at_most_max_named() {
        IdentifierIndex index = new IdentifierIndex();
        index.update(null, person("P1", "A1", "ph-1"));
        index.update(null, person("P2", "A2", "ph-1"));
        List<LinkUpdate> three = index.update(null, person("P3", "A3", "ph-1"));
        assertEquals(List.of("P1", "P2", "P3"), three.get(0).link().getPartyIds());
        assertEquals(List.of("A1", "A2", "A3"), three.get(0).link().getAccountIds());

        List<LinkUpdate> last = List.of();
        for (int i = 4; i <= IdentifierGroup.MAX_NAMED + 5; i++) {
            last = index.update(null, person(String.format("P%02d", i), "A" + i, "ph-1"));
        }
        int parties = IdentifierGroup.MAX_NAMED + 5;
        assertEquals(parties, last.get(0).link().getPartyCount(), "the count stays complete");
        assertEquals(IdentifierGroup.MAX_NAMED, last.get(0).link().getPartyIds().size());
        assertEquals(IdentifierGroup.MAX_NAMED, last.get(0).link().getAccountIds().size());
    }

    @Test
    void a_withdrawn_finding_names_nobody() {
        IdentifierIndex index = new IdentifierIndex();
        PartyProfile p1 = person("P1", "A1", "ph-1");
        index.update(null, p1);
        index.update(null, person("P2", "A2", "ph-1"));
        List<LinkUpdate> moved = index.update(p1, person("P1", "A1", "ph-9"));
        LinkUpdate a1 = moved.stream().filter(u -> u.accountId().equals("A1")).findFirst().orElseThrow();
        assertTrue(a1.link().getPartyIds().isEmpty());
    }

    private static Map<String, Integer> counts(List<LinkUpdate> updates) {
        return updates.stream().collect(Collectors.toMap(LinkUpdate::accountId, u -> u.link().getPartyCount(), (a, b) -> b));
    }
}
