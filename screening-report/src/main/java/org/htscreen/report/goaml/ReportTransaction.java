package org.htscreen.report.goaml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Channel;
import org.htscreen.avro.EvidenceTransaction;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;

/**
 * One evidence transaction of an alert as the report needs it, from the transaction file when it is there, else
 * from the alert's evidence record: seen from the alerted account (in or out) with the counterparty.
 */
record ReportTransaction(String txId, Instant time, ZoneId zone, Channel channel, boolean credit, BigDecimal amount,
        String currency, BigDecimal amountEur, Party counterparty, String reference, String terminalId, String town,
        String terminalCountry, String conductor, List<String> rules) {

    /** A counterparty: an account elsewhere or at the bank, a merchant, or a person or business without account. */
    record Party(String accountId, String partyId, String name, String bic, String country, PartyType type,
            boolean merchant) {
    }

    static ReportTransaction of(String alertedAccount, Transaction tx, EvidenceTransaction ev, ZoneId fallbackZone,
            List<String> rules) {
        if (tx != null) {
            boolean credit = ev != null ? "IN".equals(ev.getDirection())
                    : alertedAccount.equals(tx.getBeneficiary().getAccountId());
            TransactionParty cp = credit ? tx.getOriginator() : tx.getBeneficiary();
            Party party;
            if (!credit && tx.getMerchant() != null) {
                var m = tx.getMerchant();
                party = new Party(null, null, first(m.getName(), m.getId()), null, m.getCountry(), PartyType.BUSINESS,
                        true);
            } else {
                party = new Party(cp.getAccountId(), cp.getPartyId(), cp.getName(), cp.getBic(), cp.getCountry(),
                        cp.getType(), false);
            }
            var term = tx.getTerminal();
            String town = term != null ? first(term.getCity(), term.getDistrict())
                    : tx.getMerchant() == null ? null : tx.getMerchant().getCity();
            return new ReportTransaction(tx.getTxId(), tx.getEventTime(), zone(tx.getZoneId(), fallbackZone),
                    tx.getChannel(), credit, tx.getAmount(), tx.getCurrency(),
                    ev == null ? null : eur(ev.getAmountEur()), party, tx.getReference(),
                    term != null ? term.getId() : tx.getMerchant() == null ? null : tx.getMerchant().getId(), town,
                    term == null ? null : term.getCountry(), first(tx.getConductorPartyId(), null), rules);
        }
        Party party = new Party(ev.getCounterpartyAccount(), null,
                first(ev.getCounterpartyName(), ev.getCounterpartyAccount() == null ? ev.getCounterparty() : null),
                null, ev.getCounterpartyCountry(), ev.getCounterpartyType(),
                ev.getMcc() != null && "OUT".equals(ev.getDirection()));
        if (party.accountId() == null && ev.getCounterparty() != null && ev.getCounterpartyName() == null
                && !party.merchant() && looksLikeAccount(ev.getCounterparty())) {
            party = new Party(ev.getCounterparty(), null, null, null, party.country(), party.type(), false);
        }
        return new ReportTransaction(ev.getTxId(), ev.getTime(), fallbackZone, ev.getChannel(),
                "IN".equals(ev.getDirection()), ev.getAmount(), ev.getCurrency(), eur(ev.getAmountEur()), party,
                ev.getReference(), ev.getTerminalId(), ev.getTown(), null, ev.getConductor(), rules);
    }

    /** Amount in the local currency: the amount itself when in it, else the EUR equivalent when local is EUR. */
    BigDecimal amountLocal(String local) {
        if (amount != null && local.equals(currency)) {
            return amount;
        }
        if ("EUR".equals(local) && amountEur != null) {
            return amountEur;
        }
        return null;
    }

    /** Foreign amount, code and rate when the transaction was not in the local currency (and goAML knows it). */
    List<String> foreign(String local) {
        BigDecimal l = amountLocal(local);
        if (amount == null || currency == null || currency.equals(local) || !Codes.isCurrency(currency) || l == null
                || amount.signum() <= 0) {
            return null;
        }
        List<String> out = new ArrayList<>(3);
        out.add(currency);
        out.add(amount.toPlainString());
        out.add(l.divide(amount, 6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        return out;
    }

    boolean cash() {
        return channel == Channel.CASH_BRANCH || channel == Channel.ATM_DEPOSIT || channel == Channel.ATM_WITHDRAWAL;
    }

    private static boolean looksLikeAccount(String key) {
        return key.matches("[A-Z]{2}[0-9A-Z-]{6,}");
    }

    private static BigDecimal eur(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static ZoneId zone(String id, ZoneId fallback) {
        try {
            return id == null || id.isBlank() ? fallback : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
