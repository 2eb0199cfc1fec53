package org.htscreen.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.AccountScreener;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.HistoryList;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureContext#currentIdElsewhere()} answers from the history's id index ({@link HistoryList#idCarriers})
 * exactly what a scan of the entries up to now answers, in the cases the index could get wrong: a re-sent id with
 * another time (before and after the screened one), an id pruned away, an entry inserted out of order, the screened
 * entry itself pruned away, two ids with the same hash code, a replaced entry, and a restored plain list.
 */
class CurrentIdElsewhereTest {

    private static HistoryEntry at(long time, String id) {
        HistoryEntry e = new HistoryEntry();
        e.setTxId(id);
        e.setTime(time);
        return e;
    }

    /** Adds the entry as the screener does, then answers for it over the state's history. */
    private static boolean screen(AccountState state, HistoryEntry current) {
        AccountHistory.add(state, current);
        return elsewhere(state.getHistory(), current);
    }

    private static boolean elsewhere(List<HistoryEntry> history, HistoryEntry current) {
        return new FeatureContext(history, current, null, null, null, null).currentIdElsewhere();
    }

    /** The reference: any entry up to now, other than the screened one, with its id. */
    private static boolean scanned(List<HistoryEntry> history, HistoryEntry current) {
        for (HistoryEntry e : history) {
            if (e != current && e.getTime() <= current.getTime() && e.getTxId().equals(current.getTxId())) {
                return true;
            }
        }
        return false;
    }

    private static AccountState state(long... times) {
        AccountState state = AccountScreener.newState("A");
        for (int i = 0; i < times.length; i++) {
            AccountHistory.add(state, at(times[i], "t" + i));
        }
        return state;
    }

    @Test
    void distinct_ids_are_answered_by_the_index() {
        AccountState state = state(10, 20, 30);
        assertFalse(screen(state, at(40, "new")));
        assertTrue(state.getHistory() instanceof HistoryList);
    }

    @Test
    void an_id_sent_again_with_an_earlier_time_is_elsewhere() {
        AccountState state = state(10, 20, 30);
        assertTrue(screen(state, at(40, "t1")));
    }

    @Test
    void a_copy_after_the_screened_time_is_not_up_to_now() {
        AccountState state = state(10, 20, 30);
        assertFalse(screen(state, at(25, "t2")), "t2 at 30 is after now (25)");
        assertTrue(screen(state, at(35, "t2")), "now both t2 entries up to 30 are before 35");
    }

    @Test
    void an_id_pruned_away_is_not_elsewhere() {
        AccountState state = state(10, 20, 30);
        AccountHistory.prune(state, 30, 15, 100, Long.MAX_VALUE);   // drops t0 (10), keeps t1 (20) and t2 (30)
        assertEquals(2, state.getHistory().size());
        assertFalse(screen(state, at(40, "t0")), "t0 left the history");
        assertTrue(screen(state, at(41, "t1")), "t1 is still there");
        HistoryList h = (HistoryList) state.getHistory();
        h.subList(0, h.size()).clear();
        assertEquals(0, h.idCarriers("t1", 5));
    }

    @Test
    void an_entry_inserted_out_of_order_is_indexed() {
        AccountState state = state(10, 20, 30);
        AccountHistory.add(state, at(15, "late"));
        assertTrue(screen(state, at(40, "late")));
        assertFalse(screen(state, at(12, "late")), "the copy at 15 is after now (12)");
    }

    @Test
    void the_screened_entry_pruned_away_leaves_the_other_copy_to_be_found() {
        AccountState state = state(10, 20, 1_000);
        HistoryEntry old = at(5, "t1");
        AccountHistory.add(state, old);
        AccountHistory.prune(state, 1_000, 993, 100, Long.MAX_VALUE);   // drops 5 (the screened one), keeps 10, 20
        assertFalse(state.getHistory().contains(old));
        assertFalse(elsewhere(state.getHistory(), old), "the other t1 (20) is after now (5)");
        HistoryEntry later = at(25, "t1");
        assertTrue(elsewhere(state.getHistory(), later), "not in the history itself, but t1 (20) is");
    }

    @Test
    void ids_with_the_same_hash_code_are_told_apart() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        AccountState state = AccountScreener.newState("A");
        AccountHistory.add(state, at(10, "Aa"));
        assertFalse(screen(state, at(20, "BB")));
        assertTrue(screen(state, at(30, "Aa")));
        assertEquals(3, ((HistoryList) state.getHistory()).idCarriers("BB", 5), "an upper bound per hash code");
    }

    @Test
    void a_replaced_entry_takes_its_id_out() {
        AccountState state = state(10, 20, 30);
        state.getHistory().set(1, at(20, "other"));
        assertFalse(screen(state, at(40, "t1")));
        assertTrue(screen(state, at(50, "other")));
    }

    @Test
    void a_restored_plain_list_answers_the_same() {
        AccountState state = state(10, 20, 30);
        HistoryEntry again = at(40, "t0");
        AccountHistory.add(state, again);
        List<HistoryEntry> plain = new ArrayList<>(state.getHistory());
        assertTrue(elsewhere(plain, again));
        assertTrue(elsewhere(new HistoryList(plain), again));
        HistoryEntry fresh = at(50, "fresh");
        plain.add(fresh);
        assertFalse(elsewhere(plain, fresh));
        assertFalse(elsewhere(new HistoryList(plain), fresh));
    }

    @Test
    void random_histories_answer_as_a_scan() {
        Random r = new Random(5);
        for (int round = 0; round < 100; round++) {
            AccountState state = AccountScreener.newState("A");
            long last = 0;
            for (int i = 0; i < 300; i++) {
                long time = r.nextInt(4) == 0 ? Math.max(0, last - r.nextInt(50)) : last + r.nextInt(20);
                last = Math.max(last, time);
                String id = r.nextInt(5) == 0 ? (r.nextBoolean() ? "Aa" : "BB") : "id-" + r.nextInt(120);
                HistoryEntry current = at(time, id);
                AccountHistory.add(state, current);
                AccountHistory.prune(state, last, 200, 10 + r.nextInt(60), Long.MAX_VALUE);
                List<HistoryEntry> h = state.getHistory();
                boolean expected = scanned(h, current);
                assertEquals(expected, elsewhere(h, current), "index, round " + round + " step " + i);
                assertEquals(expected, elsewhere(new ArrayList<>(h), current), "plain list");
            }
        }
    }
}
