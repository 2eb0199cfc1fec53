package org.htscreen.report.goaml;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.SharedIdentifier;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SignalEvidence;
import org.htscreen.avro.Typology;

/**
 * The draft {@code reason} of an STR, in the order FIU guidance asks for: the suspicion, the parties and their
 * roles (a possible victim is described, never reported as the subject), each indicator in words with its dates
 * and totals, the timeline, shared identifiers (kinds and who shares them, never the identifier), actions, and
 * draft notes naming the placeholders to complete.
 */
final class StrNarrative {

    /** goAML's {@code comments_type} holds at most 8,000 characters. */
    static final int MAX = 8000;

    private StrNarrative() {
    }

    static String of(Alert a, PartyProfile holder, List<ReportTransaction> txs, ZoneId zone, String action,
            List<String> draftNotes) {
        StringBuilder sb = new StringBuilder();
        String subject = "account " + a.getAccountId() + (a.getPartyId() == null ? "" : " (customer " + a.getPartyId() + ")");
        sb.append("1. Suspicion. Financial indicators of human trafficking for ").append(words(a.getTypology()))
                .append(" on ").append(subject).append(". Raised by automated screening (alert ").append(a.getAlertId())
                .append(", score ").append(num(a.getScore())).append(" against threshold ").append(num(a.getThreshold()))
                .append(", rule set ").append(a.getRuleSetVersion()).append(", parameters ")
                .append(a.getParameterSetVersion()).append(") and drafted for review by the compliance officer.\n\n");

        sb.append("2. Parties and roles. ");
        String described = describe(holder);
        switch (a.getRoleHint() == null ? RoleHint.UNKNOWN : a.getRoleHint()) {
            case SUSPECTED_CONTROLLER -> sb.append("The holder of ").append(subject)
                    .append(" is reported as the suspected controller: the pattern is that of an account that collects "
                            + "or moves the proceeds of others' exploitation").append(described).append('.');
            case POSSIBLE_VICTIM -> sb.append("The pattern on ").append(subject)
                    .append(" is that of a possible victim, whose account may be used or controlled by others")
                    .append(described).append(". The holder is described here as a possible victim and is not "
                            + "reported as a suspect; the persons who may control the account are to be identified "
                            + "(see the conductors and shared identifiers below).");
            default -> sb.append("The role of the holder of ").append(subject)
                    .append(" (controller or victim) is not clear from the transactions").append(described)
                    .append("; the holder is reported as the account holder, not as a confirmed suspect.");
        }
        Set<String> conductors = new LinkedHashSet<>();
        for (ReportTransaction t : txs) {
            if (t.conductor() != null) {
                conductors.add(t.conductor());
            }
        }
        if (!conductors.isEmpty()) {
            sb.append(" Cash was conducted by other customers: ").append(first(conductors)).append('.');
        }
        if (a.getRoleHint() == RoleHint.SUSPECTED_CONTROLLER) {
            Set<String> payers = new LinkedHashSet<>();
            for (ReportTransaction t : txs) {
                ReportTransaction.Party cp = t.counterparty();
                String who = cp.name() != null ? cp.name() : cp.partyId() != null ? cp.partyId() : cp.accountId();
                if (t.credit() && who != null && (t.cash() || cp.type() == null
                        || cp.type() == org.htscreen.avro.PartyType.PERSON)) {
                    payers.add(who);
                }
            }
            if (!payers.isEmpty()) {
                sb.append(" Possible victims: the persons who paid money in (").append(first(payers))
                        .append(") may be exploited persons whose earnings are collected here; they are described, "
                                + "not reported as suspects.");
            }
        }
        sb.append("\n\n3. Indicators.\n");
        for (int i = 0; i < a.getSignals().size(); i++) {
            Signal s = a.getSignals().get(i);
            sb.append("- ").append(s.getRuleId()).append(' ').append(s.getTitle()).append(": ").append(s.getReason());
            List<ReportTransaction> mine = txs.stream().filter(t -> t.rules().contains(s.getRuleId())).toList();
            if (!mine.isEmpty()) {
                BigDecimal total = mine.stream().map(t -> t.amountEur() != null ? t.amountEur()
                        : t.amount() == null ? BigDecimal.ZERO : t.amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                sb.append(" [").append(mine.size()).append(" transactions, ").append(day(mine.get(0), zone))
                        .append(" to ").append(day(mine.get(mine.size() - 1), zone)).append(", about ")
                        .append(total.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).append(" EUR]");
            }
            sb.append('\n');
        }
        sb.append("\n4. Timeline. Signals collected from ").append(date(a.getWindowStart(), zone)).append(" to ")
                .append(date(a.getWindowEnd(), zone)).append("; the transactions reported below run from ")
                .append(txs.isEmpty() ? "-" : day(txs.get(0), zone)).append(" to ")
                .append(txs.isEmpty() ? "-" : day(txs.get(txs.size() - 1), zone)).append(".\n");

        List<String> shared = new ArrayList<>();
        for (SignalEvidence ev : a.getEvidence()) {
            for (SharedIdentifier si : ev.getSharedIdentifiers()) {
                List<String> others = si.getPartyIds().stream().filter(p -> !p.equals(a.getPartyId())).toList();
                shared.add("the " + si.getKind().toLowerCase(Locale.ROOT).replace("address", "home address")
                        + " is shared by " + si.getPartyCount() + " customers holding " + si.getAccountCount()
                        + " accounts" + (others.isEmpty() ? "" : " (other customers: " + String.join(", ", others)
                        + "; accounts: " + String.join(", ", si.getAccountIds()) + ")"));
            }
        }
        if (!shared.isEmpty()) {
            sb.append("\n6. Shared identifiers (held by the bank; the values are in its KYC records): ")
                    .append(String.join("; ", new LinkedHashSet<>(shared))).append(". Customers who share a home "
                            + "address, phone or device with this account may be further victims or associates.\n");
        }
        sb.append("\n8. Actions taken. ").append(action == null || action.isBlank()
                ? "None recorded by the screening system." : action).append('\n');
        if (!draftNotes.isEmpty()) {
            sb.append("\nDraft notes (remove before submission): ").append(String.join(" ", draftNotes)).append('\n');
        }
        return sb.toString();
    }

    /** At most ten names, and how many more. */
    private static String first(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 10 ? String.join(", ", l)
                : String.join(", ", l.subList(0, 10)) + " and " + (l.size() - 10) + " more";
    }

    private static String describe(PartyProfile p) {
        if (p == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (p.getBirthYear() != null) {
            parts.add("born " + p.getBirthYear());
        }
        if (p.getNationality() != null) {
            parts.add("nationality " + p.getNationality());
        }
        if (p.getResidencePermit() != null && !"EU_OR_NONE".equals(p.getResidencePermit().name())) {
            parts.add("residence permit " + p.getResidencePermit().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (p.getOccupation() != null) {
            parts.add("declared occupation " + p.getOccupation());
        }
        if (p.getOnboardingDate() != null) {
            parts.add("customer since " + p.getOnboardingDate());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    static String words(Typology t) {
        return switch (t) {
            case SEXUAL_EXPLOITATION -> "sexual exploitation";
            case LABOUR_EXPLOITATION -> "labour exploitation";
            case FORCED_CRIMINALITY -> "forced criminality";
            case SHAM_MARRIAGE -> "sham marriage";
            case MIGRANT_SMUGGLING -> "migrant smuggling";
            case GENERAL_LAUNDERING -> "the laundering of its proceeds";
        };
    }

    private static String day(ReportTransaction t, ZoneId zone) {
        return date(t.time(), zone);
    }

    private static String date(java.time.Instant i, ZoneId zone) {
        return LocalDate.ofInstant(i, zone).toString();
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
