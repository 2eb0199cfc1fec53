package org.htscreen.core.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;

/**
 * Fluent builder of test transactions, seen from one of the bank's accounts:
 * {@code Tx.cashDeposit("A1", 200).at(T0).terminal("ATM-1", "Limassol").build()}.
 * Defaults: EUR, time zone Asia/Nicosia, booked, a generated id.
 */
public final class Tx {

    /** A Monday, 10:00 in Nicosia (08:00 UTC). */
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private final Transaction.Builder b = Transaction.newBuilder();
    private final TransactionParty.Builder originator = TransactionParty.newBuilder();
    private final TransactionParty.Builder beneficiary = TransactionParty.newBuilder();
    private Merchant merchant;
    private Terminal terminal;

    private Tx(Channel channel, Direction direction, double amount) {
        b.setTxId("tx-" + IDS.incrementAndGet()).setEventTime(T0).setZoneId("Asia/Nicosia").setChannel(channel)
                .setDirection(direction).setCurrency("EUR").setAmount(money(amount));
    }

    public static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    // ---- kinds of transaction, from the account's point of view ----

    /** Cash paid in to {@code account} at an ATM. */
    public static Tx cashDeposit(String account, double amount) {
        Tx t = new Tx(Channel.ATM_DEPOSIT, Direction.INBOUND, amount);
        t.beneficiary.setAccountId(account);
        return t;
    }

    /** Cash paid in at a branch counter. */
    public static Tx branchDeposit(String account, double amount) {
        Tx t = new Tx(Channel.CASH_BRANCH, Direction.INBOUND, amount);
        t.beneficiary.setAccountId(account);
        return t;
    }

    /** Cash taken out at an ATM. */
    public static Tx atmWithdrawal(String account, double amount) {
        Tx t = new Tx(Channel.ATM_WITHDRAWAL, Direction.OUTBOUND, amount);
        t.originator.setAccountId(account);
        return t;
    }

    /** A card payment at a merchant with an MCC. */
    public static Tx card(String account, double amount, String mcc, String merchantName) {
        Tx t = new Tx(Channel.CARD_PRESENT, Direction.OUTBOUND, amount);
        t.originator.setAccountId(account);
        t.merchant = Merchant.newBuilder().setMcc(mcc).setName(merchantName).setId("M-" + merchantName).build();
        return t;
    }

    /** A card payment online (card not present). */
    public static Tx cardOnline(String account, double amount, String mcc, String merchantName) {
        Tx t = card(account, amount, mcc, merchantName);
        t.b.setChannel(Channel.CARD_NOT_PRESENT);
        return t;
    }

    /** A transfer into the account from someone outside the bank. */
    public static Tx transferIn(String account, double amount, String fromAccount) {
        Tx t = new Tx(Channel.SEPA_TRANSFER, Direction.INBOUND, amount);
        t.beneficiary.setAccountId(account);
        t.originator.setAccountId(fromAccount).setName(fromAccount);
        return t;
    }

    /** A transfer out of the account to someone outside the bank. */
    public static Tx transferOut(String account, double amount, String toAccount) {
        Tx t = new Tx(Channel.SEPA_TRANSFER, Direction.OUTBOUND, amount);
        t.originator.setAccountId(account);
        t.beneficiary.setAccountId(toAccount).setName(toAccount);
        return t;
    }

    /** A transfer between two of the bank's own accounts. */
    public static Tx internal(String fromAccount, String toAccount, double amount) {
        Tx t = new Tx(Channel.DOMESTIC_TRANSFER, Direction.INTERNAL, amount);
        t.originator.setAccountId(fromAccount);
        t.beneficiary.setAccountId(toAccount);
        return t;
    }

    // ---- details ----

    public Tx id(String txId) {
        b.setTxId(txId);
        return this;
    }

    public Tx at(Instant time) {
        b.setEventTime(time);
        return this;
    }

    /** {@link #T0} plus an offset. */
    public Tx after(Duration offset) {
        return at(T0.plus(offset));
    }

    /** {@link #T0} plus days and hours. */
    public Tx day(int days, int hours) {
        return after(Duration.ofDays(days).plusHours(hours));
    }

    public Tx zone(String zoneId) {
        b.setZoneId(zoneId);
        return this;
    }

    public Tx channel(Channel c) {
        b.setChannel(c);
        return this;
    }

    public Tx currency(String currency) {
        b.setCurrency(currency);
        return this;
    }

    public Tx amount(double amount) {
        b.setAmount(money(amount));
        return this;
    }

    public Tx terminal(String id, String city) {
        terminal = Terminal.newBuilder().setId(id).setCity(city).setCountry("CY").build();
        return this;
    }

    public Tx whiteLabelAtm(String id, String city) {
        terminal = Terminal.newBuilder().setId(id).setCity(city).setCountry("CY").setWhiteLabel(true).build();
        return this;
    }

    public Tx merchantCity(String city) {
        merchant = Merchant.newBuilder(merchant).setCity(city).build();
        return this;
    }

    public Tx merchantCountry(String country) {
        merchant = Merchant.newBuilder(merchant).setCountry(country).build();
        return this;
    }

    public Tx merchantId(String id) {
        merchant = Merchant.newBuilder(merchant).setId(id).build();
        return this;
    }

    /** The account holder's party id (on the own side). */
    public Tx holder(String partyId) {
        ownSide().setPartyId(partyId);
        return this;
    }

    /** Who conducted a cash deposit. */
    public Tx conductor(String partyId) {
        b.setConductorPartyId(partyId);
        return this;
    }

    /** Counterparty details (the other side). */
    public Tx counterparty(String accountId, String name, String country, PartyType type) {
        TransactionParty.Builder cp = otherSide();
        cp.setAccountId(accountId).setName(name).setCountry(country).setType(type);
        return this;
    }

    public Tx counterpartyCountry(String country) {
        otherSide().setCountry(country);
        return this;
    }

    public Tx counterpartyType(PartyType type) {
        otherSide().setType(type);
        return this;
    }

    public Tx counterpartyParty(String partyId) {
        otherSide().setPartyId(partyId);
        return this;
    }

    public Tx reference(String text) {
        b.setReference(text);
        return this;
    }

    public Tx purpose(String code) {
        b.setPurposeCode(code);
        return this;
    }

    public Tx device(String deviceId) {
        b.setDeviceId(deviceId);
        return this;
    }

    public Tx passenger(String name) {
        b.setPassengerName(name);
        return this;
    }

    public Tx refundOf(String txId) {
        b.setRefundOfTxId(txId);
        return this;
    }

    private TransactionParty.Builder ownSide() {
        return b.getDirection() == Direction.OUTBOUND ? originator : beneficiary;
    }

    private TransactionParty.Builder otherSide() {
        return b.getDirection() == Direction.OUTBOUND ? beneficiary : originator;
    }

    public Transaction build() {
        return b.setOriginator(originator.build()).setBeneficiary(beneficiary.build()).setMerchant(merchant)
                .setTerminal(terminal).build();
    }
}
