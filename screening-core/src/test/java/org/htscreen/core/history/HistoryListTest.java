package org.htscreen.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.AccountScreener;
import org.junit.jupiter.api.Test;

/**
 * {@link HistoryList} behaves as an {@link ArrayList} under the changes the engine makes (insert at a place in time,
 * drop the oldest, remove in the middle, set), and its byte total stays the sum of the entries' estimates; pruning
 * keeps exactly what the earlier whole-list algorithm kept.
 */
class HistoryListTest {

    private static HistoryEntry entry(Random r, int i) {
        HistoryEntry e = new HistoryEntry();
        e.setTxId("tx-" + i);
        e.setTime(r.nextInt(1_000));
        e.setCounterparty("x".repeat(r.nextInt(300)));
        return e;
    }

    @Test
    void random_changes_match_an_array_list() {
        Random r = new Random(7);
        HistoryList list = new HistoryList();
        List<HistoryEntry> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int op = r.nextInt(10);
            if (op < 4 || expected.isEmpty()) {
                HistoryEntry e = entry(r, i);
                list.add(e);
                expected.add(e);
            } else if (op < 6) {
                int at = r.nextInt(expected.size() + 1);
                HistoryEntry e = entry(r, i);
                list.add(at, e);
                expected.add(at, e);
            } else if (op < 8) {
                int k = r.nextInt(Math.min(5, expected.size()) + 1);
                list.subList(0, k).clear();
                expected.subList(0, k).clear();
            } else if (op < 9) {
                int from = r.nextInt(expected.size());
                int to = from + r.nextInt(expected.size() - from + 1);
                list.subList(from, to).clear();
                expected.subList(from, to).clear();
            } else {
                int at = r.nextInt(expected.size());
                HistoryEntry e = entry(r, i);
                assertEquals(expected.set(at, e), list.set(at, e));
            }
            assertEquals(expected, list);
            assertEquals(expected.stream().mapToLong(AccountHistory::estimatedBytes).sum(), list.estimatedBytes());
        }
        list.clear();
        assertEquals(0, list.size());
        assertEquals(0, list.estimatedBytes());
    }

    @Test
    void random_changes_keep_the_id_hash_counts() {
        Random r = new Random(9);
        String[] ids = new String[40];
        for (int i = 0; i < ids.length - 2; i++) {
            ids[i] = "id-" + i;
        }
        ids[ids.length - 2] = "Aa";   // the same hash code as "BB"
        ids[ids.length - 1] = "BB";
        HistoryList list = new HistoryList();
        for (int step = 0; step < 20_000; step++) {
            int op = r.nextInt(10);
            HistoryEntry e = at(r.nextInt(1_000), ids[r.nextInt(ids.length)]);
            if (op < 4 || list.isEmpty()) {
                list.add(e);
            } else if (op < 6) {
                list.add(r.nextInt(list.size() + 1), e);
            } else if (op < 8) {
                list.subList(0, r.nextInt(Math.min(5, list.size()) + 1)).clear();
            } else if (op < 9) {
                int from = r.nextInt(list.size());
                list.subList(from, from + r.nextInt(list.size() - from + 1)).clear();
            } else {
                list.set(r.nextInt(list.size()), e);
            }
            for (String id : ids) {
                long sameHash = list.stream().filter(x -> x.getTxId().hashCode() == id.hashCode()).count();
                assertEquals(sameHash, list.idCarriers(id, Integer.MAX_VALUE), id + " at step " + step);
                assertEquals(Math.min(sameHash, 2), list.idCarriers(id, 2));
            }
        }
        assertEquals(2, new HistoryList(List.of(at(1, "x"), at(2, "x"))).idCarriers("x", 5), "a restored list");
    }

    @Test
    void prune_keeps_what_the_whole_list_algorithm_kept() {
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            AccountState state = AccountScreener.newState("A");
            List<HistoryEntry> plain = new ArrayList<>();
            long budget = 2_000 + r.nextInt(20_000);
            int maxEntries = 5 + r.nextInt(60);
            for (int i = 0; i < 300; i++) {
                HistoryEntry e = entry(r, i);
                e.setTime(i * 10L + r.nextInt(30));
                AccountHistory.add(state, e);
                int pos = plain.size();
                while (pos > 0 && AccountHistory.ORDER.compare(plain.get(pos - 1), e) > 0) {
                    pos--;
                }
                plain.add(pos, e);
                long now = i * 10L;
                AccountHistory.prune(state, now, 400, maxEntries, budget);
                wholeListPrune(plain, now, 400, maxEntries, budget);
                assertEquals(plain, state.getHistory());
            }
        }
    }

    /** The pruning of the earlier release, kept here as the reference. */
    private static void wholeListPrune(List<HistoryEntry> h, long now, long retention, int maxEntries, long maxBytes) {
        long cutoff = now - retention;
        int drop = 0;
        while (drop < h.size() && h.get(drop).getTime() < cutoff) {
            drop++;
        }
        drop = Math.max(drop, h.size() - maxEntries);
        long bytes = 0;
        int keepFrom = h.size();
        while (keepFrom > drop && bytes + AccountHistory.estimatedBytes(h.get(keepFrom - 1)) <= maxBytes) {
            keepFrom--;
            bytes += AccountHistory.estimatedBytes(h.get(keepFrom));
        }
        drop = Math.max(drop, keepFrom);
        h.subList(0, drop).clear();
    }

    private static HistoryEntry at(long time, String id) {
        HistoryEntry e = new HistoryEntry();
        e.setTxId(id);
        e.setTime(time);
        return e;
    }

    @Test
    void appends_in_time_order_and_front_drops_keep_positions_and_the_epoch() {
        HistoryList h = new HistoryList();
        long epoch = h.epoch();
        for (int i = 0; i < 20; i++) {
            h.add(at(i * 10L, "t" + i));
        }
        h.add(at(190, "same-time"));   // equal time is still in order
        h.subList(0, 5).clear();
        h.remove(0);
        assertEquals(6, h.offset(), "absolute position of the first entry");
        assertEquals("t6", h.get(0).getTxId());
        assertEquals(epoch, h.epoch(), "only appends in time order and front drops");
        Object cache = new Object();
        h.derived(cache);
        assertEquals(cache, h.derived());
    }

    @Test
    void any_other_change_starts_a_new_epoch() {
        List<java.util.function.Consumer<HistoryList>> changes = List.of(
                h -> h.add(at(5, "late")),                 // older than the last entry: inserted, not appended
                h -> h.add(0, at(0, "first")),             // at a position
                h -> h.remove(3),                          // in the middle
                h -> h.set(2, at(20, "replaced")),
                h -> h.subList(2, 4).clear());
        for (var change : changes) {
            HistoryList h = new HistoryList();
            for (int i = 0; i < 10; i++) {
                h.add(at(i * 10L, "t" + i));
            }
            long epoch = h.epoch();
            change.accept(h);
            org.junit.jupiter.api.Assertions.assertNotEquals(epoch, h.epoch());
            long next = h.epoch();
            h.add(at(1_000, "after"));
            assertEquals(next, h.epoch(), "appends after the change are trusted again");
        }
    }
}
