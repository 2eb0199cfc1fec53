package org.htscreen.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.workbench.io.CsvReader;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.InputException;

/**
 * Analysts' decisions on alerts, used where labels are: CSV with a header row, or JSON Lines (told from the name),
 * with the fields {@code alert_id} and/or {@code account_id}, {@code decision} (TRUE_POSITIVE, FALSE_POSITIVE,
 * ESCALATED, REPORTED), {@code reason}, {@code analyst}, {@code time} (ISO-8601). TRUE_POSITIVE and REPORTED count
 * as positive, FALSE_POSITIVE as negative; ESCALATED is not a decision yet and is counted only. Of several
 * decisions on one alert (or account) the latest {@code time} wins.
 */
public final class Dispositions {

    /** An analyst's decision. */
    public enum Decision {
        TRUE_POSITIVE, FALSE_POSITIVE, ESCALATED, REPORTED;

        /** True for a decision that the alert was right, false for a false positive, null while escalated. */
        Boolean positive() {
            return switch (this) {
                case TRUE_POSITIVE, REPORTED -> true;
                case FALSE_POSITIVE -> false;
                case ESCALATED -> null;
            };
        }
    }

    /** One decision, where it was read. */
    public record Disposition(String alertId, String accountId, Decision decision, String reason, String analyst,
            Instant time, String where) {
    }

    private static final Set<String> FIELDS = Set.of("alert_id", "account_id", "decision", "reason", "analyst", "time");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Disposition> all;

    private Dispositions(List<Disposition> all) {
        this.all = all;
    }

    public List<Disposition> all() {
        return all;
    }

    /** Reads a disposition file (.jsonl/.ndjson/.json: JSON Lines; otherwise CSV); bad lines go to the policy. */
    public static Dispositions read(Path file, ErrorPolicy errors) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json");
        List<Disposition> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (json) {
                readJson(file.toString(), r, errors, out);
            } else {
                readCsv(file.toString(), r, errors, out);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(Disposition::time));
        return new Dispositions(out);
    }

    private static void readJson(String name, BufferedReader r, ErrorPolicy errors, List<Disposition> out)
            throws IOException {
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                errors.bad(new InputError(name, no, "-", "not valid JSON"));
                continue;
            }
            if (!(node instanceof ObjectNode o)) {
                errors.bad(new InputError(name, no, "-", "a JSON object is needed"));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            boolean ok = true;
            for (var it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!FIELDS.contains(e.getKey())) {
                    errors.bad(new InputError(name, no, e.getKey(), "unknown field (known: " + FIELDS + ")"));
                    ok = false;
                    break;
                }
                v.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            if (ok) {
                add(name, no, v, errors, out);
            }
        }
    }

    private static void readCsv(String name, BufferedReader r, ErrorPolicy errors, List<Disposition> out)
            throws IOException {
        CsvReader csv = new CsvReader(r);
        List<String> header = null;
        while (true) {
            List<String> row = csv.nextOrReport(name, errors);
            if (row == null) {
                return;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (header == null) {
                header = row.stream().map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
                for (String h : header) {
                    if (!FIELDS.contains(h)) {
                        throw new InputException(name + ":" + csv.rowLine() + ": unknown column '" + h + "' (known: "
                                + FIELDS + ")");
                    }
                }
                continue;
            }
            if (row.size() != header.size()) {
                errors.bad(new InputError(name, csv.rowLine(), "-", "expected " + header.size() + " values, found "
                        + row.size()));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                v.put(header.get(i), row.get(i).isBlank() ? null : row.get(i).strip());
            }
            add(name, csv.rowLine(), v, errors, out);
        }
    }

    private static void add(String name, long line, Map<String, String> v, ErrorPolicy errors, List<Disposition> out) {
        String alert = v.get("alert_id");
        String account = v.get("account_id");
        if (alert == null && account == null) {
            errors.bad(new InputError(name, line, "alert_id", "alert_id or account_id is needed"));
            return;
        }
        Decision d;
        try {
            d = Decision.valueOf(String.valueOf(v.get("decision")).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.bad(new InputError(name, line, "decision", "'" + v.get("decision") + "' is not one of "
                    + java.util.Arrays.toString(Decision.values())));
            return;
        }
        Instant time = Instant.EPOCH;
        if (v.get("time") != null) {
            try {
                time = OffsetDateTime.parse(v.get("time")).toInstant();
            } catch (DateTimeParseException e) {
                errors.bad(new InputError(name, line, "time", "'" + v.get("time")
                        + "' is not an ISO-8601 time with offset, e.g. 2026-11-02T10:00:00Z"));
                return;
            }
        }
        out.add(new Disposition(alert, account, d, v.get("reason"), v.get("analyst"), time, name + ":" + line));
    }

    /**
     * Labels from the decisions: an alert id is looked up among {@code alerts} (its account is positive for the
     * alert's typology); an account alone is positive for every typology. The latest decision per alert, or per
     * account without alert id, counts; an account is positive when any of its counted decisions is.
     *
     * @param unresolved receives decisions whose alert id is not among the alerts and that name no account
     */
    public Labels labels(Collection<Alert> alerts, List<Disposition> unresolved) {
        Map<String, Alert> byId = new HashMap<>();
        alerts.forEach(a -> byId.put(a.getAlertId(), a));
        Map<String, Disposition> latest = new LinkedHashMap<>();
        for (Disposition d : all) {
            latest.put(d.alertId() != null ? "alert:" + d.alertId() : "account:" + d.accountId(), d);
        }
        Map<String, Boolean> positive = new HashMap<>();
        Map<String, Set<Typology>> typologies = new HashMap<>();
        Set<String> anyTypology = new java.util.HashSet<>();
        for (Disposition d : latest.values()) {
            Boolean p = d.decision().positive();
            Alert a = d.alertId() == null ? null : byId.get(d.alertId());
            String account = a != null ? a.getAccountId() : d.accountId();
            if (account == null) {
                unresolved.add(d);
                continue;
            }
            if (p == null) {
                continue;
            }
            positive.merge(account, p, Boolean::logicalOr);
            if (p && a != null) {
                typologies.computeIfAbsent(account, k -> java.util.EnumSet.noneOf(Typology.class)).add(a.getTypology());
            } else if (p) {
                anyTypology.add(account);
            }
        }
        anyTypology.forEach(account -> typologies.put(account, java.util.EnumSet.noneOf(Typology.class)));
        return Labels.of(positive, typologies);
    }

    /** Decisions counted per rule over the alerts it contributed to: decided, right, wrong, escalated. */
    public record RuleDecisions(int decided, int right, int wrong, int escalated) {
        /** right / decided, or null with nothing decided. */
        public Double precision() {
            return decided == 0 ? null : (double) right / decided;
        }
    }

    /**
     * Per rule, the analysts' decisions on the alerts the rule contributed a signal to (an alert's decision: its own
     * latest one, else its account's latest).
     */
    public Map<String, RuleDecisions> perRule(Collection<Alert> alerts) {
        Map<String, Decision> byAlert = new HashMap<>();
        Map<String, Decision> byAccount = new HashMap<>();
        for (Disposition d : all) {
            if (d.alertId() != null) {
                byAlert.put(d.alertId(), d.decision());
            } else {
                byAccount.put(d.accountId(), d.decision());
            }
        }
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Alert a : alerts) {
            Decision d = byAlert.containsKey(a.getAlertId()) ? byAlert.get(a.getAlertId()) : byAccount.get(a.getAccountId());
            if (d == null) {
                continue;
            }
            for (Signal s : a.getSignals()) {
                int[] c = counts.computeIfAbsent(s.getRuleId(), k -> new int[4]);
                Boolean p = d.positive();
                if (p == null) {
                    c[3]++;
                } else {
                    c[0]++;
                    c[p ? 1 : 2]++;
                }
            }
        }
        Map<String, RuleDecisions> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new RuleDecisions(c[0], c[1], c[2], c[3])));
        return out;
    }

    /** How many decisions of each kind were read. */
    public Map<Decision, Integer> counts() {
        Map<Decision, Integer> m = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            m.put(d, 0);
        }
        all.forEach(d -> m.merge(d.decision(), 1, Integer::sum));
        return m;
    }
}
