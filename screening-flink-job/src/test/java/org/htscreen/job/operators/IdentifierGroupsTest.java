package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.IdentifierClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's identifier groups under Flink's operator harness: capped fan-out, withdrawals, state-backed lists. */
class IdentifierGroupsTest {

    private KeyedOneInputStreamOperatorTestHarness<String, IdentifierClaim, AccountInput> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(int maxParties) throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(120)).build();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new IdentifierGroups(ttl, maxParties),
                IdentifierGroups::key, Types.STRING);
    }

    private Map<String, Integer> claim(String party, boolean present) throws Exception {
        harness.getOutput().clear();
        IdentifierClaim c = IdentifierClaim.newBuilder().setKind("PHONE").setValue("ph-1").setPartyId(party)
                .setAccountIds(List.of("A-" + party)).setPresent(present).setTime(1_000L).build();
        harness.processElement(c, 1_000L);
        return harness.extractOutputValues().stream().collect(Collectors.toMap(AccountInput::getAccountId,
                in -> in.getLink().getPartyCount(), (a, b) -> b));
    }

    @Test
    void beyond_the_cap_only_the_newcomer_hears_and_a_shrinking_group_tells_everyone_again() throws Exception {
        open(3);
        assertEquals(Map.of(), claim("P1", true));
        assertEquals(Map.of("A-P1", 2, "A-P2", 2), claim("P2", true));
        assertEquals(3, claim("P3", true).size());
        assertEquals(Map.of("A-P1", 4, "A-P2", 4, "A-P3", 4, "A-P4", 4), claim("P4", true), "passing the cap");
        for (int i = 5; i <= 40; i++) {
            assertEquals(Map.of("A-P" + i, 4), claim("P" + i, true), "beyond the cap: one finding");
        }
        assertEquals(Map.of(), claim("P7", true), "an unchanged claim of a waiting party");
        for (int i = 1; i <= 36; i++) {
            Map<String, Integer> out = claim("P" + i, false);
            assertEquals(0, out.get("A-P" + i));
            assertTrue(out.size() == 1, "still beyond the cap: " + out);
        }
        Map<String, Integer> back = claim("P37", false);   // 3 left: back at the cap
        assertEquals(Map.of("A-P37", 0, "A-P38", 3, "A-P39", 3, "A-P40", 3), back);
    }
}
