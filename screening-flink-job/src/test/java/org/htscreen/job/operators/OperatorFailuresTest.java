package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.IdentifierClaim;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.job.ScreeningPipeline;
import org.junit.jupiter.api.Test;

/**
 * The operators between decoding and screening turn a record they cannot handle into a dead letter naming the
 * operator, the key and the exception, keep their state as it was and go on with the next record.
 */
class OperatorFailuresTest {

    private static <T> List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, T, ?> h) {
        return h.getSideOutput(DeadLetters.TAG) == null ? List.of()
                : h.getSideOutput(DeadLetters.TAG).stream().map(r -> r.getValue()).toList();
    }

    @Test
    void identifier_groups_dead_letter_a_claim_they_cannot_apply_and_go_on() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new IdentifierGroups(null), IdentifierGroups::key, Types.STRING)) {
            IdentifierClaim unknownKind = IdentifierClaim.newBuilder().setKind("TELEPATHY").setValue("h-1").setPartyId("P-1")
                    .setAccountIds(List.of("CY-1")).setPresent(true).setTime(0L).build();
            h.processElement(unknownKind, 0L);
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals(ScreeningPipeline.UID_IDENTIFIERS, dead.get(0).getOperator());
            assertTrue(dead.get(0).getReason().contains("failed on key TELEPATHY:h-1: java.lang.IllegalArgumentException"),
                    dead.get(0).getReason());

            for (String party : List.of("P-1", "P-2")) {
                h.processElement(IdentifierClaim.newBuilder(unknownKind).setKind("PHONE").setPartyId(party)
                        .setAccountIds(List.of("CY-" + party)).build(), 0L);
            }
            List<AccountInput> links = h.extractOutputValues();
            assertTrue(links.stream().anyMatch(in -> in.getLink().getPartyCount() == 2), "the next claims are applied: " + links);
            assertEquals(1, deadLetters(h).size());
        }
    }

    @Test
    void profile_changes_dead_letter_a_profile_they_cannot_handle_and_keep_the_previous_one() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ProfileChanges(null), PartyProfile::getPartyId, Types.STRING)) {
            PartyProfile good = Profiles.person("P-1", "CY-1", 1000).setPhoneHash("phone-1").build();
            h.processElement(good, 0L);
            int claims = h.extractOutputValues().size();
            assertTrue(claims >= 1);

            PartyProfile broken = PartyProfile.newBuilder(good).setPhoneHash("phone-2").build();
            broken.put("deviceIds", null);   // cannot come from the decoder: stands for any profile it cannot handle
            h.processElement(broken, 0L);
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals(ScreeningPipeline.UID_PROFILE_CHANGES, dead.get(0).getOperator());
            assertTrue(dead.get(0).getReason().contains("failed on key P-1"), dead.get(0).getReason());
            assertEquals(claims, h.extractOutputValues().size(), "no claim of the failed profile was sent");

            // the stored profile is still the good one: a newer profile withdraws phone-1, not phone-2
            h.processElement(PartyProfile.newBuilder(good).setPhoneHash("phone-3").setUpdatedAt(good.getUpdatedAt().plusSeconds(1)).build(), 0L);
            List<IdentifierClaim> out = h.extractOutputValues();
            assertTrue(out.stream().anyMatch(c -> !c.getPresent() && c.getValue().equals("phone-1")), out.toString());
            assertTrue(out.stream().noneMatch(c -> c.getValue().equals("phone-2")), out.toString());
        }
    }
}
