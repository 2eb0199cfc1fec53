package org.htscreen.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.HistoryEntry;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureContext#between} and {@link FeatureContext#all} give exactly the entries a filter over the whole
 * history gives, when window starts are asked again (remembered) and more starts are asked than are remembered,
 * with equal times, a screened entry that is not the last one (later entries), and empty windows.
 */
class FeatureContextWindowTest {

    @Test
    void windows_asked_in_any_order_and_again_are_the_filtered_entries() {
        Random r = new Random(3);
        for (int round = 0; round < 300; round++) {
            List<HistoryEntry> history = new ArrayList<>();
            long t = 0;
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(3) == 0 ? 0 : r.nextInt(10);
                HistoryEntry e = new HistoryEntry();
                e.setTxId("t" + i);
                e.setTime(t);
                history.add(e);
            }
            HistoryEntry current = n == 0 ? entryAt(0) : history.get(r.nextInt(n));
            FeatureContext ctx = new FeatureContext(history, current, null, null, null, null);
            long now = current.getTime();
            assertEquals(filter(history, Long.MIN_VALUE, now), ctx.all(), "all, round " + round);
            for (int ask = 0; ask < 30; ask++) {
                long from = now - r.nextInt(7) * 7L - r.nextInt(2);   // a few lengths, asked again and again
                long to = r.nextInt(4) == 0 ? now - r.nextInt(20) : now;
                assertEquals(filter(history, from, to), ctx.between(from, to), "round " + round + " ask " + ask);
                assertEquals(filter(history, now - 14, now), ctx.window(14));
            }
        }
    }

    private static HistoryEntry entryAt(long time) {
        HistoryEntry e = new HistoryEntry();
        e.setTxId("x");
        e.setTime(time);
        return e;
    }

    private static List<HistoryEntry> filter(List<HistoryEntry> history, long fromExclusive, long toInclusive) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.getTime() > fromExclusive && e.getTime() <= toInclusive) {
                out.add(e);
            }
        }
        return out;
    }
}
