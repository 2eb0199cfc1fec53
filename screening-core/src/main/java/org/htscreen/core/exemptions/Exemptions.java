package org.htscreen.core.exemptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.TypologyCode;

/**
 * A versioned set of {@link Exemption}s, as compliance approves them in a YAML file:
 *
 * <pre>
 * version: exemptions-2026-12-a
 * exemptions:
 *   - id: EX-2026-014
 *     account: CY17-0001
 *     rule: HT-CASH-01            # optional; or typology: SEXUAL_EXPLOITATION; neither: every alert of the account
 *     reason: cash takings of the family kiosk, documented
 *     approver: m.georgiou
 *     approved_at: 2026-11-03T09:00:00Z
 *     expires_at: 2027-02-01T00:00:00Z
 * </pre>
 *
 * Reading is strict: an unknown field, a missing one, a rule id or typology the catalogue does not know, both a
 * rule and a typology, an expiry not after the approval or more than {@link Exemption#MAX_LENGTH} after it, and a
 * duplicate id are refused with {@code file:line: why}. Immutable and thread-safe.
 */
public final class Exemptions {

    /** Longest id, account, reason and approver accepted. */
    public static final int MAX_TEXT = 512;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> FIELDS = Set.of("id", "account", "rule", "typology", "reason", "approver",
            "approved_at", "expires_at");
    private static final Exemptions NONE = new Exemptions("none", List.of());
    /** Characters that read as a pattern: an account id with one is refused rather than matched literally. */
    private static final java.util.regex.Pattern WILDCARD = java.util.regex.Pattern.compile("[*?%]");

    private final String version;
    private final List<Exemption> all;
    private final Map<String, List<Exemption>> byAccount = new HashMap<>();
    /** Ids already reported as expired at their first use after expiry. */
    private final Set<String> reportedExpired = ConcurrentHashMap.newKeySet();

    /** A set of exemptions (already checked) under a version. */
    public Exemptions(String version, List<Exemption> exemptions) {
        this.version = Objects.requireNonNull(version, "version");
        this.all = List.copyOf(exemptions);
        for (Exemption e : all) {
            byAccount.computeIfAbsent(e.accountId(), a -> new ArrayList<>()).add(e);
        }
    }

    /** No exemptions. */
    public static Exemptions none() {
        return NONE;
    }

    public String version() {
        return version;
    }

    public List<Exemption> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The exemptions of an account (whatever their period). */
    public List<Exemption> forAccount(String accountId) {
        return byAccount.getOrDefault(accountId, List.of());
    }

    /**
     * Of the given exemptions, those expired at this event time that were not reported yet: each is returned once
     * per set (the first use after its expiry), for the audit trail.
     */
    public List<Exemption> newlyExpired(List<Exemption> candidates, long eventTime) {
        List<Exemption> out = List.of();
        for (Exemption e : candidates) {
            if (e.expiredAt(eventTime) && reportedExpired.add(e.id())) {
                out = out.isEmpty() ? new ArrayList<>() : out;
                out.add(e);
            }
        }
        return out;
    }

    /** Reads and checks an exemptions file against the catalogue of the rules in force. */
    public static Exemptions read(Path file, Catalogue catalogue) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), catalogue);
        } catch (IOException e) {
            throw new InvalidExemptionsException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses and checks exemptions text.
     *
     * @param fileName named in error messages
     * @throws InvalidExemptionsException {@code file:line: why} for the first problem found
     */
    public static Exemptions parse(String yaml, String fileName, Catalogue catalogue) {
        String version = null;
        List<Exemption> list = null;
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(fileName, p, "expected 'version:' and 'exemptions:'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("version") && t.isScalarValue()) {
                    version = p.getValueAsString();
                } else if (field.equals("exemptions") && t == JsonToken.START_ARRAY) {
                    list = readList(p, fileName, catalogue);
                } else if (field.equals("exemptions") && t == JsonToken.VALUE_NULL) {
                    list = List.of();
                } else {
                    throw bad(fileName, p, "unexpected '" + field + "' (expected 'version:' and a list 'exemptions:')");
                }
            }
        } catch (IOException e) {
            throw new InvalidExemptionsException(fileName + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (version == null || version.isBlank()) {
            throw new InvalidExemptionsException(fileName + ":1: missing 'version:' (every exemption set needs a version)");
        }
        if (list == null) {
            throw new InvalidExemptionsException(fileName + ":1: missing 'exemptions:' (a list; empty to revoke all)");
        }
        return new Exemptions(version, list);
    }

    private static List<Exemption> readList(JsonParser p, String fileName, Catalogue catalogue) throws IOException {
        List<Exemption> out = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw bad(fileName, p, "each exemption is a map of id, account, reason, approver, approved_at, expires_at");
            }
            Exemption e = readOne(p, fileName, catalogue);
            Integer first = lines.putIfAbsent(e.id(), e.line());
            if (first != null) {
                throw new InvalidExemptionsException(fileName + ":" + e.line() + ": duplicate id '" + e.id()
                        + "' (first at line " + first + ")");
            }
            out.add(e);
        }
        return out;
    }

    private static Exemption readOne(JsonParser p, String fileName, Catalogue catalogue) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, Integer> at = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (!FIELDS.contains(name)) {
                throw bad(fileName, p, "unknown field '" + name + "' (known: id, account, rule, typology, reason, "
                        + "approver, approved_at, expires_at)");
            }
            if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
                throw bad(fileName, p, "'" + name + "' must be a single value");
            }
            String text = p.getValueAsString().strip();
            if (text.length() > MAX_TEXT) {
                throw bad(fileName, p, "'" + name + "' is longer than " + MAX_TEXT + " characters");
            }
            if (v.put(name, text) != null) {
                throw bad(fileName, p, "'" + name + "' given twice");
            }
            at.put(name, p.currentTokenLocation().getLineNr());
        }
        for (String required : List.of("id", "account", "reason", "approver", "approved_at", "expires_at")) {
            if (v.getOrDefault(required, "").isEmpty()) {
                throw new InvalidExemptionsException(fileName + ":" + line + ": exemption "
                        + v.getOrDefault("id", "without id") + " has no '" + required + "'"
                        + (required.equals("expires_at") ? " (no exemption is open-ended)" : ""));
            }
        }
        String id = v.get("id");
        if (WILDCARD.matcher(v.get("account")).find()) {
            throw new InvalidExemptionsException(fileName + ":" + at.get("account") + ": exemption " + id + ": account '"
                    + v.get("account") + "': an exemption names one account; there are no wildcards");
        }
        String rule = v.get("rule");
        if (rule != null && catalogue.rule(rule).isEmpty()) {
            throw new InvalidExemptionsException(fileName + ":" + at.get("rule") + ": exemption " + id
                    + ": unknown rule id '" + rule + "'");
        }
        TypologyCode typology = v.containsKey("typology") ? typology(v.get("typology"), fileName, at.get("typology"), id) : null;
        if (rule != null && typology != null) {
            throw new InvalidExemptionsException(fileName + ":" + at.get("typology") + ": exemption " + id
                    + ": give a rule or a typology, not both");
        }
        Instant approved = time(v.get("approved_at"), fileName, at.get("approved_at"), id);
        Instant expires = time(v.get("expires_at"), fileName, at.get("expires_at"), id);
        if (!expires.isAfter(approved)) {
            throw new InvalidExemptionsException(fileName + ":" + at.get("expires_at") + ": exemption " + id
                    + ": expires_at " + expires + " is not after approved_at " + approved);
        }
        if (expires.isAfter(approved.plus(Exemption.MAX_LENGTH))) {
            throw new InvalidExemptionsException(fileName + ":" + at.get("expires_at") + ": exemption " + id
                    + ": expires_at " + expires + " is more than " + Exemption.MAX_LENGTH.toDays()
                    + " days after approved_at " + approved + " (approve it again instead)");
        }
        return new Exemption(id, v.get("account"), rule, typology, v.get("reason"), v.get("approver"), approved, expires, line);
    }

    private static TypologyCode typology(String text, String fileName, int line, String id) {
        String t = text.toUpperCase(Locale.ROOT);
        for (TypologyCode c : TypologyCode.values()) {
            if (c.name().equals(t) || c.typology().name().equals(t)) {
                return c;
            }
        }
        List<String> known = new ArrayList<>();
        for (TypologyCode c : TypologyCode.values()) {
            known.add(c.typology().name());
        }
        throw new InvalidExemptionsException(fileName + ":" + line + ": exemption " + id + ": unknown typology '" + text
                + "' (known: " + String.join(", ", known) + ")");
    }

    /** An ISO-8601 instant ({@code 2026-11-03T09:00:00Z}) or a date (its start, UTC). */
    private static Instant time(String text, String fileName, int line, String id) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidExemptionsException(fileName + ":" + line + ": exemption " + id + ": '" + text
                    + "' is not a time (ISO-8601, e.g. 2026-11-03T09:00:00Z, or a date 2026-11-03)");
        }
    }

    private static InvalidExemptionsException bad(String fileName, JsonParser p, String why) {
        return new InvalidExemptionsException(fileName + ":" + p.currentTokenLocation().getLineNr() + ": " + why);
    }

    /**
     * Checks that every rule an exemption names is in a catalogue (before a set is used with other rules).
     *
     * @throws InvalidExemptionsException naming the exemption
     */
    public void checkAgainst(Catalogue catalogue) {
        for (Exemption e : all) {
            if (e.ruleId() != null && catalogue.rule(e.ruleId()).isEmpty()) {
                throw new InvalidExemptionsException("exemption " + e.id() + " (line " + e.line() + "): unknown rule id '"
                        + e.ruleId() + "' in rule set " + catalogue.version());
            }
        }
    }

    /** What changed from another set, in words for the audit trail: ids added, removed and changed. */
    public String changesFrom(Exemptions before) {
        ExemptionChange c = ExemptionChange.between(before, this);
        return "exemptions " + before.version + " -> " + version + ": " + all.size() + " in force; added "
                + words(inFileOrder(c.added())) + "; removed " + words(before.inFileOrder(c.removed())) + "; changed "
                + words(inFileOrder(c.changed()));
    }

    /** The given ids in the order of this set's file. */
    private List<String> inFileOrder(Set<String> ids) {
        return all.stream().map(Exemption::id).filter(ids::contains).toList();
    }

    private static String words(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
