package org.htscreen.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.Transaction;
import org.htscreen.core.reference.ReferenceData;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile payment references cost bounded time when they enter the history (issue 11, bounded cost). */
class HistoryEntriesCostTest {

    private static final ReferenceData REF = RuleSet.bundled().reference();

    private static HistoryEntry entry(String reference) {
        Transaction tx = Tx.transferIn("A1", 100, "B1").reference(reference).build();
        return HistoryEntries.of(AccountSide.of(tx).get(0), REF);
    }

    /** 40,000 characters with brackets took 8.8 s in the alias regular expression; 400,000 must not take minutes (the guard is generous: it catches the quadratic shape, not speed). */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void long_references_with_brackets_cost_linear_time() {
        for (String filler : new String[] {"a", "1", "escort(", "x@y.z (", "((((", "a (b) "}) {
            String reference = filler.repeat(400_000 / filler.length()) + "(Lena)";
            entry(reference);
        }
    }

    @Test
    void flags_are_found_within_the_examined_length() {
        String head = "escort for anna@mail.com (Lena) ";
        HistoryEntry e = entry(head + "x".repeat(ReferenceData.MAX_TEXT_EXAMINED));
        assertTrue(EntryFlag.ESCORT_TEXT.in(e.getFlags()));
        assertTrue(EntryFlag.ALIAS_IN_BRACKETS.in(e.getFlags()));
    }

    /** Text beyond {@link ReferenceData#MAX_TEXT_EXAMINED} characters is not read (a documented bound, not a miss). */
    @Test
    void text_beyond_the_examined_length_is_not_read() {
        HistoryEntry e = entry("x".repeat(ReferenceData.MAX_TEXT_EXAMINED) + " escort anna@mail.com (Lena)");
        assertEquals(0, e.getFlags() & (EntryFlag.ESCORT_TEXT.bit() | EntryFlag.ALIAS_IN_BRACKETS.bit()));
    }
}
