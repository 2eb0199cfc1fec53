package org.htscreen.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.reference.ReferenceData;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/** History is bounded in bytes as well as in count (issue 11: 400 entries of 100 KB names were 40 MB). */
class HistoryBytesTest {

    private static final ReferenceData REF = RuleSet.bundled().reference();

    private static HistoryEntry entry(int i, String name) {
        Transaction tx = Tx.transferIn("A1", 100, null).id("tx-" + i).at(Tx.T0.plusSeconds(i))
                .counterparty(null, name, "CY", null).passenger(name).build();
        return HistoryEntries.of(AccountSide.of(tx).get(0), REF);
    }

    @Test
    void long_strings_are_cut_when_they_enter_the_history() {
        HistoryEntry e = entry(1, "N".repeat(100_000));
        assertEquals(HistoryEntries.MAX_STRING_CHARS, e.getCounterparty().length());
        assertEquals(HistoryEntries.MAX_STRING_CHARS, e.getPassenger().length());
        assertEquals("Anna Ivanova", entry(2, "Anna Ivanova").getCounterparty(), "ordinary names are kept whole");
    }

    @Test
    void total_bytes_stay_within_the_budget_and_the_newest_entries_stay() {
        AccountState state = AccountScreener.newState("A1");
        int budget = 256 * 1024;
        for (int i = 0; i < 400; i++) {
            AccountHistory.add(state, entry(i, "N".repeat(100_000) + i));
            AccountHistory.prune(state, Tx.T0.plusSeconds(i).toEpochMilli(), Long.MAX_VALUE / 4, 400, budget);
        }
        long bytes = state.getHistory().stream().mapToLong(AccountHistory::estimatedBytes).sum();
        assertTrue(bytes <= budget, bytes + " bytes");
        assertTrue(state.getHistory().size() > 10, "the budget keeps a useful number of entries");
        assertEquals("tx-399", state.getHistory().get(state.getHistory().size() - 1).getTxId());
    }

    @Test
    void ordinary_entries_are_bounded_by_count_only() {
        AccountState state = AccountScreener.newState("A1");
        for (int i = 0; i < 450; i++) {
            AccountHistory.add(state, entry(i, "Anna Ivanova"));
            AccountHistory.prune(state, Tx.T0.plusSeconds(i).toEpochMilli(), Long.MAX_VALUE / 4, 400, 512 * 1024);
        }
        assertEquals(400, state.getHistory().size());
    }
}
