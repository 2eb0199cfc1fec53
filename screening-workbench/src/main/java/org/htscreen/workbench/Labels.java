package org.htscreen.workbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.InputProblem;
import org.htscreen.workbench.io.CsvReader;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.InputException;

/**
 * Ground truth for a backtest: CSV {@code account_id,label[,typology,role[,case_id[,segment]]]}, with or without
 * that header row.
 * {@code label} is 1/0, true/false, yes/no or positive/negative; {@code typology} an Alert typology symbol
 * ({@code SEXUAL_EXPLOITATION}) or catalogue code ({@code SEX}); {@code role} a RoleHint symbol
 * ({@code SUSPECTED_CONTROLLER}, {@code POSSIBLE_VICTIM}) or {@code CONTROLLER} / {@code VICTIM}; {@code case_id}
 * the planted case (ring, network) a positive belongs to; {@code segment} the customer segment of a negative
 * (landlord, kiosk-24h, ...) or the scenario variant of a positive. An account may have several rows (several
 * typologies). Accounts that are not in the file are negatives.
 */
public final class Labels {

    /** What is known of one labelled account. */
    public static final class Label {
        private boolean positive;
        private final Set<Typology> typologies = EnumSet.noneOf(Typology.class);
        private RoleHint role;
        private String caseId;
        private String segment;

        public boolean positive() {
            return positive;
        }

        /** Typologies given for the account; empty when the labels name none (then it counts for every typology). */
        public Set<Typology> typologies() {
            return Collections.unmodifiableSet(typologies);
        }

        public RoleHint role() {
            return role;
        }

        /** The planted case the account belongs to, or null. */
        public String caseId() {
            return caseId;
        }

        /** The segment (negatives) or scenario variant (positives), or null. */
        public String segment() {
            return segment;
        }

        /** Whether the account is a positive of this typology (a positive with no typology given matches all). */
        public boolean positiveFor(Typology t) {
            return positive && (typologies.isEmpty() || typologies.contains(t));
        }
    }

    private final Map<String, Label> byAccount;

    private Labels(Map<String, Label> byAccount) {
        this.byAccount = byAccount;
    }

    /**
     * Labels of decided accounts (from analysts' dispositions): positive or not, with the typologies a positive was
     * decided for (none: every typology).
     */
    static Labels of(Map<String, Boolean> positive, Map<String, Set<Typology>> typologies) {
        Map<String, Label> out = new HashMap<>();
        positive.forEach((account, p) -> {
            Label l = new Label();
            l.positive = p;
            if (p) {
                l.typologies.addAll(typologies.getOrDefault(account, Set.of()));
            }
            out.put(account, l);
        });
        return new Labels(out);
    }

    /** No labels: precision and recall are not computed. */
    public static Labels none() {
        return new Labels(Map.of());
    }

    public boolean isEmpty() {
        return byAccount.isEmpty();
    }

    public Map<String, Label> all() {
        return Collections.unmodifiableMap(byAccount);
    }

    public boolean positive(String accountId) {
        Label l = byAccount.get(accountId);
        return l != null && l.positive;
    }

    public boolean positiveFor(String accountId, Typology t) {
        Label l = byAccount.get(accountId);
        return l != null && l.positiveFor(t);
    }

    /** Accounts labelled positive. */
    public long positives() {
        return byAccount.values().stream().filter(l -> l.positive).count();
    }

    /** Accounts labelled positive for a typology. */
    public long positives(Typology t) {
        return byAccount.values().stream().filter(l -> l.positiveFor(t)).count();
    }

    /** Reads a labels file; bad lines go to the error policy. */
    public static Labels read(Path file, ErrorPolicy errors) {
        Map<String, Label> out = new HashMap<>();
        String name = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(r);
            boolean first = true;
            while (true) {
                List<String> row = csv.nextOrReport(name, errors);
                if (row == null) {
                    break;
                }
                long line = csv.rowLine();
                if (first) {
                    first = false;
                    if (!row.isEmpty() && row.get(0).strip().replace("\uFEFF", "").equalsIgnoreCase("account_id")) {
                        continue;
                    }
                }
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                if (row.size() < 2 || row.size() > 6) {
                    errors.bad(new InputError(name, line, "-", "expected account_id,label[,typology,role[,case_id"
                            + "[,segment]]], found "
                            + row.size() + " values"));
                    continue;
                }
                String account = row.get(0).strip();
                if (account.isEmpty()) {
                    errors.bad(new InputError(name, line, "account_id", "empty"));
                    continue;
                }
                Boolean positive = label(row.get(1));
                if (positive == null) {
                    errors.bad(new InputError(name, line, "label", InputProblem.quote(row.get(1))
                            + " is not 1/0, true/false, yes/no or positive/negative"));
                    continue;
                }
                Typology typology = null;
                if (row.size() > 2 && !row.get(2).isBlank()) {
                    typology = typology(row.get(2));
                    if (typology == null) {
                        errors.bad(new InputError(name, line, "typology", InputProblem.quote(row.get(2)) + " is not a typology "
                                + "(" + java.util.Arrays.toString(Typology.values()) + " or SEX, LAB, CRIM, SHAM, SMUG, GEN)"));
                        continue;
                    }
                }
                RoleHint role = null;
                if (row.size() > 3 && !row.get(3).isBlank()) {
                    role = role(row.get(3));
                    if (role == null) {
                        errors.bad(new InputError(name, line, "role", InputProblem.quote(row.get(3))
                                + " is not SUSPECTED_CONTROLLER, POSSIBLE_VICTIM, UNKNOWN, CONTROLLER or VICTIM"));
                        continue;
                    }
                }
                Label l = out.computeIfAbsent(account, a -> new Label());
                l.positive |= positive;
                if (typology != null && positive) {
                    l.typologies.add(typology);
                }
                if (role != null) {
                    l.role = role;
                }
                if (row.size() > 4 && !row.get(4).isBlank()) {
                    l.caseId = row.get(4).strip();
                }
                if (row.size() > 5 && !row.get(5).isBlank()) {
                    l.segment = row.get(5).strip();
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new Labels(out);
    }

    private static Boolean label(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "positive", "y", "t" -> Boolean.TRUE;
            case "0", "false", "no", "negative", "n", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Typology typology(String v) {
        String s = v.strip().toUpperCase(Locale.ROOT);
        for (Typology t : Typology.values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        for (TypologyCode c : TypologyCode.values()) {
            if (c.name().equals(s)) {
                return c.typology();
            }
        }
        return null;
    }

    private static RoleHint role(String v) {
        String s = v.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "SUSPECTED_CONTROLLER", "CONTROLLER" -> RoleHint.SUSPECTED_CONTROLLER;
            case "POSSIBLE_VICTIM", "VICTIM" -> RoleHint.POSSIBLE_VICTIM;
            case "UNKNOWN" -> RoleHint.UNKNOWN;
            default -> null;
        };
    }
}
