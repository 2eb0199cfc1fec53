package org.htscreen.workbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.Suppression;
import org.htscreen.workbench.io.RecordSink;

/**
 * What exemptions did in a backtest (ADR 0017): the alerts they kept back, per exemption id, and the exemptions
 * found expired during the run; never dropped silently, so the summary names them and the suppressed alerts are
 * written whole to their own file.
 */
public final class SuppressionReport {

    /** An exemption found expired at its first use after expiry: the transaction that found it. */
    public record Expired(Exemption exemption, String txId) {
    }

    private final Exemptions exemptions;
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<Expired> expired = new ArrayList<>();

    SuppressionReport(Exemptions exemptions) {
        this.exemptions = exemptions;
    }

    synchronized void addAll(List<Suppression> s, List<Expired> e) {
        suppressions.addAll(s);
        expired.addAll(e);
    }

    SuppressionReport sorted() {
        suppressions.sort(Comparator.comparing((Suppression s) -> s.suppressed().getEventTime())
                .thenComparing(s -> s.suppressed().getAccountId()).thenComparing(s -> s.suppressed().getAlertId()));
        expired.sort(Comparator.comparing((Expired x) -> x.exemption().id()));
        return this;
    }

    public List<Suppression> suppressions() {
        return suppressions;
    }

    public List<Expired> expired() {
        return expired;
    }

    /** Suppressed alerts per exemption id (an alert kept back by two exemptions counts for each). */
    public Map<String, Integer> byExemption() {
        Map<String, Integer> out = new TreeMap<>();
        for (Exemption e : exemptions.all()) {
            out.put(e.id(), 0);
        }
        for (Suppression s : suppressions) {
            for (String id : s.exemptionIds()) {
                out.merge(id, 1, Integer::sum);
            }
        }
        return out;
    }

    /** The summary section: the set in force, what it kept back per exemption, and what expired. */
    String text(Path file) {
        StringBuilder sb = new StringBuilder();
        long whole = suppressions.stream().filter(Suppression::whole).count();
        sb.append(String.format(Locale.ROOT, "%nExemptions: %s, version %s, %d exemptions%n", file, exemptions.version(),
                exemptions.all().size()));
        sb.append(String.format(Locale.ROOT, "Suppressed alerts: %,d (%,d not raised, %,d raised without the exempted "
                + "rule or typology)%n", suppressions.size(), whole, suppressions.size() - whole));
        Map<String, Integer> by = byExemption();
        for (Exemption e : exemptions.all()) {
            TreeSet<String> accounts = new TreeSet<>();
            suppressions.stream().filter(s -> s.exemptionIds().contains(e.id()))
                    .forEach(s -> accounts.add(s.suppressed().getAccountId()));
            sb.append(String.format(Locale.ROOT, "  %-16s %5d  account %s, %s, approved by %s, %s to %s%n", e.id(),
                    by.get(e.id()), e.accountId(), e.scope(), e.approver(), e.approvedAt(), e.expiresAt()));
        }
        for (Expired x : expired) {
            sb.append(String.format(Locale.ROOT, "Audit: exemption %s (account %s) expired at %s; first transaction "
                    + "after it: %s; no longer applied%n", x.exemption().id(), x.exemption().accountId(),
                    x.exemption().expiresAt(), x.txId()));
        }
        return sb.toString();
    }

    /** The summary JSON's {@code suppressed} object. */
    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("exemption_set_version", exemptions.version());
        o.put("total", suppressions.size());
        o.put("not_raised", suppressions.stream().filter(Suppression::whole).count());
        ObjectNode by = o.putObject("by_exemption");
        byExemption().forEach(by::put);
        var exp = o.putArray("expired");
        for (Expired x : expired) {
            exp.addObject().put("exemption", x.exemption().id()).put("account", x.exemption().accountId())
                    .put("expires_at", x.exemption().expiresAt().toString()).put("first_tx_after", x.txId());
        }
        return o;
    }

    /**
     * Writes one JSON line per suppressed alert: {@code exemptionIds}, {@code raisedAlertId} (null when none was
     * raised), {@code exemptionSetVersion} and the {@code alert} that would have been raised, with its evidence.
     */
    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    JsonGenerator g = new JsonFactory().createGenerator(w)) {
                g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                for (Suppression s : suppressions) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("exemptionIds");
                    for (String id : s.exemptionIds()) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                    g.writeStringField("raisedAlertId", s.raisedAlertId());
                    g.writeStringField("exemptionSetVersion", s.exemptionSetVersion());
                    g.writeFieldName("alert");
                    RecordSink.writeJson(g, s.suppressed());
                    g.writeEndObject();
                }
                if (!suppressions.isEmpty()) {
                    g.writeRaw('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
