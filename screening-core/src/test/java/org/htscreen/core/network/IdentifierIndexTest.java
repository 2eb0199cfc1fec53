package org.htscreen.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Collectors;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
    void blank_and_placeholder_hashes_link_nobody() {
        IdentifierIndex index = new IdentifierIndex();
        for (String placeholder : List.of("", "  ", "0000000000", "unknown",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")) {
            for (int i = 0; i < 5; i++) {
                assertTrue(index.update(null, person("P" + placeholder + i, "A" + i, placeholder)).isEmpty(), placeholder);
            }
        }
    }

    /** Up to the cap every member hears every change; beyond it each newcomer gets one "more than K" finding. */
    @Test
    void a_group_beyond_the_cap_sends_one_finding_per_newcomer() {
        int k = 5;
        IdentifierIndex index = new IdentifierIndex(k);
        for (int i = 1; i <= k; i++) {
            List<LinkUpdate> u = index.update(null, person("P" + i, "A" + i, "ph-1"));
            assertEquals(i < 2 ? 0 : i, u.size());
        }
        List<LinkUpdate> crossing = index.update(null, person("P6", "A6", "ph-1"));
        assertEquals(k + 1, crossing.size(), "crossing the cap tells every member once");
        assertTrue(crossing.stream().allMatch(u -> u.link().getPartyCount() == k + 1));
        for (int i = 7; i <= 30; i++) {
            List<LinkUpdate> u = index.update(null, person("P" + i, "A" + i, "ph-1"));
            assertEquals(Map.of("A" + i, k + 1), counts(u), "beyond the cap only the newcomer's accounts");
        }
        PartyProfile p30 = person("P30", "A30", "ph-1");
        assertEquals(Map.of("A30", 0), counts(index.update(p30, person("P30", "A30", "ph-2")).stream()
                .filter(u -> u.link().getIdentifier().equals("ph-1")).toList()), "leaving while still beyond the cap");
    }

    @Test
    void a_group_that_shrinks_back_under_the_cap_gives_every_member_its_count_again() {
        int k = 5;
        IdentifierIndex index = new IdentifierIndex(k);
        List<PartyProfile> members = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            members.add(person("P" + i, "A" + i, "ph-1"));
            index.update(null, members.get(i - 1));
        }
        index.update(members.get(0), person("P1", "A1", "ph-9"));        // 6 left: still more than 5
        List<LinkUpdate> back = index.update(members.get(1), person("P2", "A2", "ph-9")).stream()
                .filter(u -> u.link().getIdentifier().equals("ph-1")).toList();
        assertEquals(Map.of("A2", 0, "A3", 5, "A4", 5, "A5", 5, "A6", 5, "A7", 5), counts(back));
    }

    /**
     * 4,000 parties on one phone hash: cubic before (71 s in a backtest), and one record per member per update.
     * The guard is generous; the record count is the bound that matters.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_huge_group_costs_linear_time_and_records() {
        IdentifierIndex index = new IdentifierIndex();
        long records = 0;
        int n = 4_000;
        for (int i = 0; i < n; i++) {
            records += index.update(null, person("P" + i, "A" + i, "ph-shared")).size();
        }
        int k = IdentifierGroup.DEFAULT_MAX_PARTIES;
        assertTrue(records <= (long) k * k + (n - k), records + " records");
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
