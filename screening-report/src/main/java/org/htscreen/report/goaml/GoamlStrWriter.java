package org.htscreen.report.goaml;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.htscreen.avro.Alert;
import org.htscreen.avro.EvidenceTransaction;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SignalEvidence;
import org.htscreen.avro.Transaction;

/**
 * Writes one alert as a goAML 5.0.1 suspicious-transaction report draft ({@code report_code} STR): the reporting
 * entity, the narrative {@code reason}, every evidence transaction (the alerted account, and any other account of
 * the bank, as {@code t_*_my_client}), and the indicator codes. Only elements of schema 5.0 are used; fields the
 * screening system does not hold (customer names, ID numbers, phone numbers) are filled with placeholders
 * ({@code UNKNOWN}, {@code -}, date {@code 1753-01-01T00:00:00}) named in the comments, to be completed in goAML.
 * Thread-safe once built.
 */
public final class GoamlStrWriter {

    /** goAML's "unknown" date: the smallest {@code sql_date}. */
    static final String UNKNOWN_DATE = "1753-01-01T00:00:00";
    private static final String UNKNOWN = ReportingEntity.PLACEHOLDER;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final ReportingEntity entity;
    private final GoamlCodes codes;
    private final Clock clock;

    public GoamlStrWriter(ReportingEntity entity, GoamlCodes codes, Clock clock) {
        this.entity = entity;
        this.codes = codes;
        this.clock = clock;
    }

    /** File name of an alert's draft: {@code STR-<alert id>.xml}, with anything but letters, digits, '.', '-' as '_'. */
    public static String fileName(Alert alert) {
        return "STR-" + alert.getAlertId().replaceAll("[^A-Za-z0-9.-]", "_") + ".xml";
    }

    /**
     * Writes the draft of one alert (the stream is not closed).
     *
     * @throws ReportException when none of the alert's evidence transactions is in the inputs or the alert
     */
    public void write(Alert alert, ReportInputs inputs, OutputStream out) {
        List<ReportTransaction> txs = transactions(alert, inputs);
        if (txs.isEmpty()) {
            throw new ReportException("alert " + alert.getAlertId() + " on " + alert.getAccountId()
                    + ": none of its evidence transactions is in the transaction files or in the alert's evidence");
        }
        ZoneId zone = entity.zone();
        PartyProfile holder = inputs.profileOfAccount(alert.getAccountId());
        List<String> notes = new ArrayList<>();
        if (!entity.placeholders().isEmpty()) {
            notes.add("Reporting-entity fields with placeholders: " + String.join(", ", entity.placeholders()) + ".");
        }
        notes.add("The customers' names, dates of birth, ID numbers and phone numbers are not held by the screening "
                + "system: the fields marked " + UNKNOWN + " (dates " + UNKNOWN_DATE.substring(0, 10)
                + ") must be completed from the bank's KYC records. Lookup codes '-' are to be set from the FIU's lists.");
        String reason = StrNarrative.of(alert, holder, txs, zone, entity.action(), notes);

        try (XmlOut x = new XmlOut(out)) {
            x.start("report");
            x.code("rentity_id", Integer.toString(entity.id()));
            x.text("rentity_branch", entity.branch(), 255);
            x.code("submission_code", entity.submission());
            x.code("report_code", "STR");
            x.text("entity_reference", alert.getAlertId(), 255);
            x.code("report_date", DATE_TIME.format(LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.SECONDS)));
            x.code("currency_code_local", entity.localCurrency());
            reportingPerson(x);
            location(x);
            x.text("reason", reason, StrNarrative.MAX);
            x.text("action", entity.action(), StrNarrative.MAX);
            for (ReportTransaction t : txs) {
                transaction(x, alert, t, inputs);
            }
            x.start("report_indicators");
            for (String code : codes.indicators(alert)) {
                x.code("indicator", code);
            }
            x.end();
            x.end();
        }
    }

    /** Every evidence transaction of the alert, oldest first, joined with the transaction files. */
    static List<ReportTransaction> transactions(Alert alert, ReportInputs inputs) {
        Map<String, List<String>> rulesById = new LinkedHashMap<>();
        Map<String, EvidenceTransaction> records = new LinkedHashMap<>();
        for (Signal s : alert.getSignals()) {
            for (String id : s.getEvidenceTxIds()) {
                rulesById.computeIfAbsent(id, k -> new ArrayList<>()).add(s.getRuleId());
            }
        }
        for (SignalEvidence ev : alert.getEvidence()) {
            for (EvidenceTransaction r : ev.getTransactions()) {
                records.merge(r.getTxId(), r, (a, b) -> a.getDetailed() ? a : b);
                List<String> rules = rulesById.computeIfAbsent(r.getTxId(), k -> new ArrayList<>());
                if (!rules.contains(ev.getRuleId())) {
                    rules.add(ev.getRuleId());
                }
            }
        }
        rulesById.computeIfAbsent(alert.getTriggeringTxId(), k -> new ArrayList<>());
        List<ReportTransaction> out = new ArrayList<>();
        ZoneId fallback = ZoneId.of("UTC");
        for (Map.Entry<String, List<String>> e : rulesById.entrySet()) {
            Transaction tx = inputs.transaction(e.getKey());
            EvidenceTransaction ev = records.get(e.getKey());
            if (tx != null || ev != null) {
                out.add(ReportTransaction.of(alert.getAccountId(), tx, ev, fallback, e.getValue()));
            }
        }
        out.sort(Comparator.comparing(ReportTransaction::time).thenComparing(ReportTransaction::txId));
        return out;
    }

    private void reportingPerson(XmlOut x) {
        ReportingEntity.Person p = entity.reportingPerson();
        x.start("reporting_person");
        x.text("title", p == null ? null : p.title(), 30);
        x.text("first_name", XmlText.fitOr(p == null ? null : p.firstName(), UNKNOWN, 100), 100);
        x.text("last_name", XmlText.fitOr(p == null ? null : p.lastName(), UNKNOWN, 100), 100);
        x.text("email", p == null ? null : p.email(), 255);
        x.text("occupation", p == null || p.occupation() == null || p.occupation().isBlank() ? null : p.occupation(), 255);
        x.end();
    }

    private void location(XmlOut x) {
        ReportingEntity.Address a = entity.location();
        x.start("location");
        x.code("address_type", codes.contactType());
        x.text("address", XmlText.fitOr(a == null ? null : a.address(), UNKNOWN, 100), 100);
        x.text("town", a == null ? null : a.town(), 255);
        x.text("city", XmlText.fitOr(a == null ? null : a.city(), UNKNOWN, 255), 255);
        x.text("zip", a == null ? null : a.zip(), 10);
        x.code("country_code", a == null || a.countryCode() == null ? entity.countryCode() : a.countryCode());
        x.end();
    }

    private void transaction(XmlOut x, Alert alert, ReportTransaction t, ReportInputs inputs) {
        String local = entity.localCurrency();
        BigDecimal amountLocal = t.amountLocal(local);
        x.start("transaction");
        x.text("transactionnumber", XmlText.fitOr(t.txId(), UNKNOWN, 100), 100);
        x.text("transaction_location", location(t), 255);
        x.text("transaction_description", description(alert, t, amountLocal == null), StrNarrative.MAX);
        x.code("date_transaction", DATE_TIME.format(LocalDateTime.ofInstant(t.time(), t.zone()).truncatedTo(ChronoUnit.SECONDS)));
        x.code("transmode_code", codes.transmode(t.channel()));
        x.code("amount_local", (amountLocal == null ? BigDecimal.ZERO : amountLocal).toPlainString());
        boolean fromIsAlerted = !t.credit();
        side(x, "from", fromIsAlerted, alert, t, inputs);
        side(x, "to", !fromIsAlerted, alert, t, inputs);
        x.end();
    }

    /** One side of a transaction: the alerted account, or the counterparty. */
    private void side(XmlOut x, String dir, boolean alerted, Alert alert, ReportTransaction t, ReportInputs inputs) {
        ReportTransaction.Party cp = t.counterparty();
        String ownAccount = alerted ? alert.getAccountId() : cp.accountId();
        boolean myClient = alerted || inputs.isBankAccount(cp.accountId());
        x.start(myClient ? "t_" + dir + "_my_client" : "t_" + dir);
        x.code(dir + "_funds_code", codes.funds(t.channel()));
        List<String> foreign = dir.equals("from") ? t.foreign(entity.localCurrency()) : null;
        if (foreign != null) {
            x.start(dir + "_foreign_currency");
            x.code("foreign_currency_code", foreign.get(0));
            x.code("foreign_amount", foreign.get(1));
            x.code("foreign_exchange_rate", foreign.get(2));
            x.end();
        }
        String country;
        if (myClient) {
            PartyProfile p = inputs.profileOfAccount(ownAccount);
            String partyId = alerted ? (alert.getPartyId() != null ? alert.getPartyId() : p == null ? null : p.getPartyId())
                    : (cp.partyId() != null ? cp.partyId() : p == null ? null : p.getPartyId());
            myAccount(x, dir + "_account", ownAccount, partyId, p, alerted ? alert.getRoleHint() : null);
            country = entity.countryCode();
        } else {
            counterparty(x, dir, t, cp);
            country = Codes.country(cp.country());
            if (country.equals("-") && t.cash()) {
                country = t.terminalCountry() != null ? Codes.country(t.terminalCountry()) : entity.countryCode();
            }
        }
        x.code(dir + "_country", country);
        x.end();
    }

    private void counterparty(XmlOut x, String dir, ReportTransaction t, ReportTransaction.Party cp) {
        if (cp.accountId() != null && !cp.merchant()) {
            x.start(dir + "_account");
            x.text("institution_name", XmlText.fitOr(cp.bic(), UNKNOWN, 255), 255);
            if (cp.bic() != null && !cp.bic().isBlank() && cp.bic().length() <= 11) {
                x.text("swift", cp.bic(), 11);
            } else {
                x.text("institution_code", UNKNOWN, 50);
            }
            x.text("account", XmlText.fitOr(cp.accountId(), UNKNOWN, 255), 255);
            x.text("account_name", blankToNull(cp.name()), 255);
            x.end();
        } else if (cp.merchant() || (cp.type() != null && cp.type() != PartyType.PERSON && cp.type() != PartyType.UNKNOWN)) {
            x.start(dir + "_entity");
            x.text("name", XmlText.fitOr(cp.name(), UNKNOWN, 255), 255);
            x.end();
        } else {
            String[] names = split(cp.name());
            x.start(dir + "_person");
            x.text("first_name", names[0], 100);
            x.text("last_name", names[1], 100);
            if (cp.partyId() != null) {
                x.text("comments", "Party id " + cp.partyId() + (cp.name() == null ? "; name not given on the payment" : ""),
                        StrNarrative.MAX);
            } else if (cp.name() == null) {
                x.text("comments", t.cash() ? "Depositor not identified" : "Name not given on the payment", StrNarrative.MAX);
            }
            x.end();
        }
    }

    /** The bank's own account ({@code t_account_my_client}) with its holder as primary signatory. */
    private void myAccount(XmlOut x, String element, String accountId, String partyId, PartyProfile p, RoleHint role) {
        x.start(element);
        x.text("institution_name", entity.bankName(), 255);
        if (entity.swift() != null && !entity.swift().isBlank()) {
            x.text("swift", entity.swift(), 11);
        } else {
            x.text("institution_code", XmlText.fitOr(entity.institutionCode(), UNKNOWN, 50), 50);
        }
        x.text("branch", entity.branch(), 255);
        x.text("account", XmlText.fitOr(accountId, UNKNOWN, 255), 255);
        x.code("currency_code", entity.localCurrency());
        x.text("account_name", UNKNOWN, 255);
        x.text("client_number", XmlText.fitOr(partyId, UNKNOWN, 30), 30);
        x.code("personal_account_type", codes.accountType());
        x.start("signatory");
        x.code("is_primary", "true");
        person(x, partyId, p);
        x.code("role", codes.signatoryRole());
        x.end();
        x.code("opened", p == null || p.getOnboardingDate() == null ? UNKNOWN_DATE
                : DATE_TIME.format(p.getOnboardingDate().atStartOfDay()));
        x.code("status_code", codes.accountStatus());
        if (role != null) {
            x.text("comments", switch (role) {
                case SUSPECTED_CONTROLLER -> "The alerted account; its holder is the suspected controller.";
                case POSSIBLE_VICTIM -> "The alerted account; its holder is a possible victim, described in the reason, "
                        + "not a suspect.";
                default -> "The alerted account; the holder's role is not clear (see the reason).";
            }, StrNarrative.MAX);
        } else {
            x.text("comments", "Another account of the bank.", StrNarrative.MAX);
        }
        x.end();
    }

    private void person(XmlOut x, String partyId, PartyProfile p) {
        x.start("t_person");
        x.text("first_name", UNKNOWN, 100);
        x.text("last_name", UNKNOWN, 100);
        x.code("birthdate", p == null || p.getBirthYear() == null || p.getBirthYear() < 1753 ? UNKNOWN_DATE
                : String.format(Locale.ROOT, "%04d-01-01T00:00:00", p.getBirthYear()));
        x.text("ssn", UNKNOWN, 25);
        x.code("nationality1", p == null ? "-" : Codes.country(p.getNationality()));
        x.code("residence", p == null ? "-" : Codes.country(p.getResidenceCountry()));
        x.start("phones");
        x.start("phone");
        x.code("tph_contact_type", codes.contactType());
        x.code("tph_communication_type", codes.communicationType());
        x.text("tph_country_prefix", "-", 4);
        x.text("tph_number", UNKNOWN, 50);
        x.end();
        x.end();
        x.text("occupation", XmlText.fitOr(p == null ? null : p.getOccupation(), UNKNOWN, 255), 255);
        x.text("comments", "Customer " + (partyId == null ? "(party id unknown)" : partyId) + ". Name, ID number and "
                + "phone: " + UNKNOWN + " (not held by the screening system)"
                + (p != null && p.getBirthYear() != null ? "; date of birth: year " + p.getBirthYear() + " only" : "")
                + ".", StrNarrative.MAX);
        x.end();
    }

    private static String location(ReportTransaction t) {
        List<String> parts = new ArrayList<>();
        if (t.terminalId() != null) {
            parts.add(t.terminalId());
        }
        if (t.town() != null) {
            parts.add(t.town());
        }
        return parts.isEmpty() ? words(t) : String.join(", ", parts);
    }

    private String description(Alert alert, ReportTransaction t, boolean noLocalAmount) {
        StringBuilder sb = new StringBuilder(words(t));
        sb.append(t.credit() ? " into " : " from ").append("account ").append(alert.getAccountId());
        if (t.amount() != null && t.currency() != null) {
            sb.append(", ").append(t.amount().toPlainString()).append(' ').append(t.currency());
        } else if (t.amountEur() != null) {
            sb.append(", ").append(t.amountEur().toPlainString()).append(" EUR");
        }
        ReportTransaction.Party cp = t.counterparty();
        String who = cp.name() != null ? cp.name() : cp.accountId() != null ? cp.accountId() : cp.partyId();
        if (who != null) {
            sb.append(t.credit() ? ", from " : ", to ").append(who);
        }
        if (t.reference() != null && !t.reference().isBlank()) {
            sb.append("; reference: \"").append(t.reference()).append('"');
        }
        if (t.conductor() != null) {
            sb.append("; conducted by customer ").append(t.conductor());
        }
        if (!t.rules().isEmpty()) {
            sb.append("; evidence for ").append(String.join(", ", t.rules()));
        }
        if (noLocalAmount) {
            sb.append("; amount_local 0: no rate to ").append(entity.localCurrency()).append(" known, complete it");
        }
        return sb.toString();
    }

    private static String words(ReportTransaction t) {
        return switch (t.channel()) {
            case CASH_BRANCH -> "Cash at a branch";
            case ATM_DEPOSIT -> "ATM cash deposit";
            case ATM_WITHDRAWAL -> "ATM cash withdrawal";
            case CARD_PRESENT -> "Card payment";
            case CARD_NOT_PRESENT -> "Online card payment";
            case DOMESTIC_TRANSFER -> "Domestic transfer";
            case SEPA_TRANSFER -> "SEPA transfer";
            case SWIFT_TRANSFER -> "SWIFT transfer";
            case INSTANT_PAYMENT -> "Instant payment";
            case MONEY_REMITTANCE -> "Money remittance";
            case PREPAID_CARD_LOAD -> "Prepaid card load";
            case CRYPTO_PURCHASE -> "Crypto-asset purchase";
            case CRYPTO_SALE -> "Crypto-asset sale";
            case CHEQUE -> "Cheque";
            default -> "Transaction";
        };
    }

    private static String[] split(String name) {
        String n = name == null ? null : XmlText.clean(name).trim();
        if (n == null || n.isEmpty()) {
            return new String[] {UNKNOWN, UNKNOWN};
        }
        int sp = n.lastIndexOf(' ');
        if (sp <= 0) {
            return new String[] {UNKNOWN, n};
        }
        return new String[] {n.substring(0, sp).trim(), n.substring(sp + 1)};
    }

    private static String blankToNull(String s) {
        return s == null || XmlText.clean(s).isBlank() ? null : s;
    }
}
