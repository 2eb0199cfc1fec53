package org.htscreen.workbench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.params.Parameters;

/**
 * The above/below-the-line view of a sweep: which setting is the one in force (the current setting), what each
 * setting gains and loses against it (alerted account and typology pairs), and for each setting the accounts below
 * its line: those that alert at the next lower setting and not at this one, with their signals, for an analyst to
 * review before moving the line.
 */
final class SweepLines {

    /** The first alert of an account and typology in a run: when it crossed the line, and on which signals. */
    record Brief(String accountId, Typology typology, double score, List<String> signals) {

        static Brief of(Alert a) {
            List<String> signals = new ArrayList<>();
            for (Signal s : a.getSignals()) {
                signals.add(s.getRuleId() + ": " + s.getReason());
            }
            return new Brief(a.getAccountId(), a.getTypology(), a.getScore(), signals);
        }

        String key() {
            return key(accountId, typology);
        }

        static String key(String accountId, Typology t) {
            return accountId + "|" + t.name();
        }
    }

    /** How many below-the-line accounts a setting lists (the count is always complete). */
    static final int DEFAULT_SAMPLE = 10;

    private SweepLines() {
    }

    /** Whether a setting's value equals the value in force (numbers compared as numbers). */
    static boolean same(Object setting, Object inForce) {
        if (setting instanceof Number a && inForce instanceof Number b) {
            return Math.abs(a.doubleValue() - b.doubleValue()) < 1e-9;
        }
        return Objects.equals(String.valueOf(setting), String.valueOf(inForce));
    }

    /** Index of the setting whose values are all those in force, or -1 when none is. */
    static int current(List<Sweep.Setting> settings, Parameters inForce) {
        for (int i = 0; i < settings.size(); i++) {
            boolean all = true;
            for (Map.Entry<String, Object> e : settings.get(i).values().entrySet()) {
                all &= same(e.getValue(), inForce.asMap().get(e.getKey()));
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The next lower setting of each setting: the same values but the last varied parameter at its next smaller value
     * (a lower threshold or minimum lets more through); -1 for the lowest and when the last parameter is not a number.
     */
    static int[] lower(List<Sweep.Setting> settings, List<Sweep.Axis> axes) {
        int[] lower = new int[settings.size()];
        String last = axes.get(axes.size() - 1).key();
        for (int i = 0; i < settings.size(); i++) {
            lower[i] = -1;
            if (!(settings.get(i).values().get(last) instanceof Number mine)) {
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < settings.size(); j++) {
                Object v = settings.get(j).values().get(last);
                if (j == i || !(v instanceof Number other) || other.doubleValue() >= mine.doubleValue() - 1e-12
                        || !othersEqual(settings.get(i), settings.get(j), last)) {
                    continue;
                }
                if (other.doubleValue() > best) {
                    best = other.doubleValue();
                    lower[i] = j;
                }
            }
        }
        return lower;
    }

    private static boolean othersEqual(Sweep.Setting a, Sweep.Setting b, String except) {
        for (Map.Entry<String, Object> e : a.values().entrySet()) {
            if (!e.getKey().equals(except) && !same(e.getValue(), b.values().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Keys (account and typology) in {@code run} but not in {@code reference}, sorted. */
    static Set<String> missingFrom(Map<String, Brief> run, Map<String, Brief> reference) {
        Set<String> out = new TreeSet<>(run.keySet());
        out.removeAll(reference.keySet());
        return out;
    }

    /** The accounts below a setting's line: alerted at the lower setting and not at this one, highest score first. */
    static List<Brief> belowTheLine(Map<String, Brief> setting, Map<String, Brief> lower) {
        List<Brief> out = new ArrayList<>();
        for (String k : missingFrom(lower, setting)) {
            out.add(lower.get(k));
        }
        out.sort(Comparator.comparingDouble(Brief::score).reversed().thenComparing(Brief::accountId)
                .thenComparing(Brief::typology));
        return out;
    }

    /** What the labels say about an account for a typology, in words; null without labels. */
    static String label(Labels labels, String account, Typology t) {
        if (labels.isEmpty()) {
            return null;
        }
        if (labels.positiveFor(account, t)) {
            return "positive";
        }
        if (labels.positive(account)) {
            return "positive for another typology";
        }
        return labels.all().containsKey(account) ? "negative" : "not labelled";
    }

    /** Positives (for the pair's typology) among keys. */
    static long positives(Set<String> keys, Labels labels) {
        long n = 0;
        for (String k : keys) {
            int bar = k.lastIndexOf('|');
            n += labels.positiveFor(k.substring(0, bar), Typology.valueOf(k.substring(bar + 1))) ? 1 : 0;
        }
        return n;
    }

    /** A below-the-line sample as JSON. */
    static ArrayNode sample(ArrayNode into, List<Brief> below, int size, Labels labels) {
        for (Brief b : below.subList(0, Math.min(size, below.size()))) {
            ObjectNode o = into.addObject();
            o.put("accountId", b.accountId());
            o.put("typology", b.typology().name());
            o.put("score", b.score());
            String label = label(labels, b.accountId(), b.typology());
            if (label != null) {
                o.put("label", label);
            }
            ArrayNode s = o.putArray("signals");
            b.signals().forEach(s::add);
        }
        return into;
    }
}
