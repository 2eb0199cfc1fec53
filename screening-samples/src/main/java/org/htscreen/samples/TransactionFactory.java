package org.htscreen.samples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;

/**
 * Books sample transactions in EUR, Cyprus time, with stable ids {@code tx-<seed>-<n>}. Each method starts a
 * {@link Draft} seen from one of the bank's accounts; {@link Draft#book()} records it.
 */
final class TransactionFactory {

    private final long seed;
    private final Bank bank;
    private final List<Transaction> booked = new ArrayList<>();
    private long next;

    TransactionFactory(long seed, Bank bank) {
        this.seed = seed;
        this.bank = bank;
    }

    /** Everything booked so far, in booking order. */
    List<Transaction> booked() {
        return booked;
    }

    /** A card payment in person at a merchant. */
    Draft card(Customer c, Instant t, double eur, Shop shop) {
        Draft d = new Draft(Channel.CARD_PRESENT, Direction.OUTBOUND, t, eur);
        d.originator.setAccountId(c.accountId()).setPartyId(c.partyId()).setName(c.name()).setCountry("CY")
                .setType(c.type());
        d.beneficiary.setName(shop.name()).setCountry(shop.country()).setType(PartyType.BUSINESS);
        d.merchant = Merchant.newBuilder().setId(shop.id()).setMcc(shop.mcc()).setName(shop.name())
                .setCity(shop.city()).setCountry(shop.country()).build();
        return d;
    }

    /** A card payment online (card not present). */
    Draft online(Customer c, Instant t, double eur, Shop shop) {
        Draft d = card(c, t, eur, shop);
        d.b.setChannel(Channel.CARD_NOT_PRESENT);
        return d;
    }

    /** Cash taken out at one of the bank's ATMs. */
    Draft atmWithdrawal(Customer c, Instant t, double eur, Town town, int atm) {
        Draft d = new Draft(Channel.ATM_WITHDRAWAL, Direction.OUTBOUND, t, eur);
        d.own(c, true);
        d.terminal(town.atm(atm), town);
        return d;
    }

    /** Cash taken out at a branch counter. */
    Draft branchWithdrawal(Customer c, Instant t, double eur, Town town) {
        Draft d = new Draft(Channel.CASH_BRANCH, Direction.OUTBOUND, t, eur);
        d.own(c, true);
        d.terminal(town.branch(), town);
        return d;
    }

    /** Cash paid in at one of the bank's ATMs. */
    Draft atmDeposit(Customer c, Instant t, double eur, Town town, int atm) {
        Draft d = new Draft(Channel.ATM_DEPOSIT, Direction.INBOUND, t, eur);
        d.own(c, false);
        d.terminal(town.atm(atm), town);
        return d;
    }

    /** Cash paid in at a branch counter. */
    Draft branchDeposit(Customer c, Instant t, double eur, Town town) {
        Draft d = new Draft(Channel.CASH_BRANCH, Direction.INBOUND, t, eur);
        d.own(c, false);
        d.terminal(town.branch(), town);
        return d;
    }

    /** Money arriving from a party outside the bank. */
    Draft transferIn(Customer to, Instant t, double eur, Counterparty from, Channel channel) {
        Draft d = new Draft(channel, Direction.INBOUND, t, eur);
        d.own(to, false);
        d.originator.setAccountId(from.accountId()).setName(from.name()).setCountry(from.country())
                .setType(from.type());
        return d;
    }

    /** Money leaving to a party outside the bank, ordered in e-banking. */
    Draft transferOut(Customer from, Instant t, double eur, Counterparty to, Channel channel) {
        Draft d = new Draft(channel, Direction.OUTBOUND, t, eur);
        d.own(from, true);
        d.beneficiary.setAccountId(to.accountId()).setName(to.name()).setCountry(to.country()).setType(to.type());
        d.b.setDeviceId(from.device());
        return d;
    }

    /** A transfer between two of the bank's customers, ordered in the payer's e-banking. */
    Draft internal(Customer from, Customer to, Instant t, double eur) {
        Draft d = new Draft(Channel.DOMESTIC_TRANSFER, Direction.INTERNAL, t, eur);
        d.own(from, true);
        d.own(to, false);
        d.b.setDeviceId(from.device());
        return d;
    }

    /** A load of a prepaid card (the card id is the beneficiary account). */
    Draft prepaidLoad(Customer c, Instant t, double eur, String cardId, String issuer) {
        Draft d = new Draft(Channel.PREPAID_CARD_LOAD, Direction.OUTBOUND, t, eur);
        d.own(c, true);
        d.beneficiary.setAccountId(cardId).setName(issuer).setCountry("CY").setType(PartyType.PAYMENT_PROCESSOR);
        d.b.setDeviceId(c.device());
        return d;
    }

    /** A transaction being written: details may be added before {@link #book()}. */
    final class Draft {
        private final Transaction.Builder b = Transaction.newBuilder();
        private final TransactionParty.Builder originator = TransactionParty.newBuilder();
        private final TransactionParty.Builder beneficiary = TransactionParty.newBuilder();
        private Merchant merchant;
        private Terminal terminal;

        private Draft(Channel channel, Direction direction, Instant t, double eur) {
            b.setEventTime(t).setZoneId(Bank.ZONE.getId()).setChannel(channel).setDirection(direction)
                    .setCurrency("EUR").setAmount(money(eur));
        }

        private void own(Customer c, boolean paying) {
            TransactionParty.Builder p = paying ? originator : beneficiary;
            p.setAccountId(c.accountId()).setPartyId(c.partyId()).setName(c.name()).setCountry("CY").setType(c.type());
        }

        private void terminal(String id, Town town) {
            terminal = Terminal.newBuilder().setId(id).setCity(town.city()).setDistrict(town.district())
                    .setCountry("CY").build();
        }

        /** Where an inbound payment was sent from: the remitter agent's or bank branch's place abroad. */
        Draft sentFrom(String agentId, String city, String country) {
            terminal = Terminal.newBuilder().setId(agentId).setCity(city).setCountry(country).build();
            return this;
        }

        /** An independent (white-label) ATM instead of the bank's own. */
        Draft whiteLabel() {
            terminal = Terminal.newBuilder(terminal).setWhiteLabel(true).build();
            return this;
        }

        Draft reference(String text) {
            b.setReference(text);
            return this;
        }

        /** ISO 20022 purpose code, e.g. SALA. */
        Draft purpose(String code) {
            b.setPurposeCode(code);
            return this;
        }

        /** A salary payment: purpose SALA and a salary reference. */
        Draft salary(String reference) {
            return purpose("SALA").reference(reference);
        }

        Draft passenger(String name) {
            b.setPassengerName(name);
            return this;
        }

        /** Who physically paid the cash in or took it out (branch records, deposit card). */
        Draft conductor(String partyId) {
            b.setConductorPartyId(partyId);
            return this;
        }

        Draft device(String deviceId) {
            b.setDeviceId(deviceId);
            return this;
        }

        /** Records the transaction, if it falls inside the traffic's days. */
        Transaction book() {
            Transaction tx = b.setTxId(String.format("tx-%d-%07d", seed, ++next))
                    .setOriginator(originator.build()).setBeneficiary(beneficiary.build())
                    .setMerchant(merchant).setTerminal(terminal).build();
            if (!tx.getEventTime().isBefore(bank.at(0, 0)) && tx.getEventTime().isBefore(bank.at(bank.days(), 0))) {
                booked.add(tx);
            }
            return tx;
        }
    }

    static BigDecimal money(double eur) {
        return BigDecimal.valueOf(Math.max(0.01, eur)).setScale(2, RoundingMode.HALF_UP);
    }
}
