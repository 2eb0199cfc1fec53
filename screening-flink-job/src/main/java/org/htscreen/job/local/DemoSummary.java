package org.htscreen.job.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Typology;
import org.htscreen.samples.Label;

/**
 * What the demo found, for its closing lines: the planted (labelled) accounts that alerted and those that did not,
 * alerts by typology, alerts on ordinary accounts, and the time from the start of the feed to the first alert.
 * Thread-safe: the alert printer records, the main thread reports.
 */
public final class DemoSummary {

    private final Map<Typology, Integer> byTypology = new EnumMap<>(Typology.class);
    private final Map<String, Set<Typology>> alertedAccounts = new TreeMap<>();
    private int alerts;
    private Duration firstAlert;

    /** Records one committed alert, seen {@code sinceFeedStart} after the first record was fed. */
    public void record(Alert alert, Duration sinceFeedStart) {
        record(alert.getAccountId(), alert.getTypology(), sinceFeedStart);
    }

    /** Records one committed alert on an account for a typology. */
    public synchronized void record(String accountId, Typology typology, Duration sinceFeedStart) {
        alerts++;
        byTypology.merge(typology, 1, Integer::sum);
        alertedAccounts.computeIfAbsent(accountId, a -> new TreeSet<>()).add(typology);
        if (firstAlert == null) {
            firstAlert = sinceFeedStart;
        }
    }

    public synchronized int alerts() {
        return alerts;
    }

    /** The planted accounts (by label) with at least one alert, in label order. */
    public synchronized List<Label> found(List<Label> planted) {
        return planted.stream().filter(l -> alertedAccounts.containsKey(l.accountId())).toList();
    }

    /** The planted accounts without any alert, in label order. */
    public synchronized List<Label> missed(List<Label> planted) {
        return planted.stream().filter(l -> !alertedAccounts.containsKey(l.accountId())).toList();
    }

    /** The closing summary in a few lines. */
    public synchronized List<String> lines(List<Label> planted) {
        List<String> out = new ArrayList<>();
        Set<String> plantedIds = new TreeSet<>();
        planted.forEach(l -> plantedIds.add(l.accountId()));
        long ordinary = alertedAccounts.keySet().stream().filter(a -> !plantedIds.contains(a)).count();
        out.add(firstAlert == null ? "no alerts" : String.format(Locale.ROOT,
                "%d alerts on %d accounts; first alert %s after the feed started", alerts, alertedAccounts.size(),
                seconds(firstAlert)));
        Map<String, Integer> typologies = new LinkedHashMap<>();
        byTypology.forEach((t, n) -> typologies.put(words(t), n));
        out.add("alerts by typology: " + (typologies.isEmpty() ? "none" : typologies.toString().replaceAll("[{}]", "")));
        List<Label> found = found(planted);
        out.add(String.format(Locale.ROOT, "planted accounts found: %d of %d%s", found.size(), planted.size(),
                found.isEmpty() ? "" : ": " + describe(found, true)));
        List<Label> missed = missed(planted);
        out.add(String.format(Locale.ROOT, "planted accounts missed: %d%s", missed.size(),
                missed.isEmpty() ? "" : ": " + describe(missed, false)));
        out.add(String.format(Locale.ROOT, "ordinary (unlabelled) accounts alerted: %d", ordinary));
        return out;
    }

    private String describe(List<Label> labels, boolean withAlerts) {
        List<String> parts = new ArrayList<>();
        for (Label l : labels) {
            String s = l.accountId() + " (" + (l.typology() == null ? "any typology" : words(l.typology()))
                    + (l.role() == null ? "" : ", " + l.role().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (withAlerts) {
                s += "; alerted as " + String.join(", ", alertedAccounts.get(l.accountId()).stream()
                        .map(DemoSummary::words).toList());
            }
            parts.add(s + ")");
        }
        return String.join(", ", parts);
    }

    static String words(Typology t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
