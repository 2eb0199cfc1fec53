package org.htscreen.core.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Merchant;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.avro.TransactionStatus;
import org.htscreen.core.InputLimits;

/**
 * Seeded generator of hostile input for property tests: odd and huge strings, decimals with absurd exponents,
 * times at and beyond every bound, long lists, placeholders, nulls where the schema forbids them, mixed with
 * ordinary values so that many generated records are valid. The same seed gives the same values.
 */
public final class Hostile {

    private final Random r;

    public Hostile(long seed) {
        this.r = new Random(mix(seed));   // neighbouring seeds give correlated first values in java.util.Random
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public Random random() {
        return r;
    }

    /** One of the values, uniformly. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[r.nextInt(values.length)];
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    /** Percent of fields that get a hostile value in the record being generated (0: a valid record). */
    private int level = 100;

    private boolean hostile() {
        return chance(level);
    }

    /** Picks how hostile the next record is: valid, one odd field, a few, or many. */
    private void newRecord() {
        level = oneOf(0, 3, 6, 30);
    }

    /** A string: usually ordinary, sometimes empty, blank, huge, control characters, surrogates, brackets. */
    public String string(int usualMax) {
        switch (hostile() ? r.nextInt(6) : 6) {
            case 0:
                return "";
            case 1:
                return oneOf(" ", "\t", "\n", "\u0000", "\u00a0", "\ud800", "\uffff", "\u202e");
            case 2:
                return "x".repeat(usualMax + 1 + r.nextInt(3) * 10_000);
            case 3:
                return "(" + "(a".repeat(r.nextInt(5_000)) + ")";
            case 4:
                return oneOf("null", "unknown", "0000000000", "d41d8cd98f00b204e9800998ecf8427e", "-", "'", "\"", ",",
                        "|", "=", "\\", "{}", "[]", "1e999999999", "NaN", "😀".repeat(50), "Ünïcödé Lîmassol");
            case 5: {
                StringBuilder sb = new StringBuilder();
                int n = r.nextInt(Math.min(usualMax, 300) + 1);
                for (int i = 0; i < n; i++) {
                    sb.append((char) r.nextInt(0x3000));
                }
                return sb.toString();
            }
            default: {
                int n = 1 + r.nextInt(Math.min(usualMax, 24));
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.append((char) ('A' + r.nextInt(26)));
                }
                return sb.toString();
            }
        }
    }

    /** A string, or null one time in four. */
    public String optionalString(int usualMax) {
        return chance(40) ? null : string(usualMax);
    }

    /** A decimal: ordinary amounts, zero, negatives, too many digits or decimals, absurd exponents. */
    public BigDecimal decimal() {
        switch (hostile() ? r.nextInt(3) : 3) {
            case 0:
                return new BigDecimal(oneOf("1e100000000", "1e999999999", "1e-999999999", "0E-999999999",
                        "0E+999999999", "-1e100000000", "9999999999999999.99", "10000000000000000.00", "0.001",
                        "180.500", "1E+3", "0", "0.00", "-0.01"));
            case 1:
                return new BigDecimal(new BigInteger(r.nextInt(200) + 1, r), r.nextInt(80) - 40);
            case 2:
                return BigDecimal.valueOf(r.nextLong(), r.nextInt(6));
            default:
                return BigDecimal.valueOf(r.nextInt(1_000_000), 2);
        }
    }

    /** An instant: ordinary, at the bounds, just beyond them, or at the ends of Instant's range. */
    public Instant instant() {
        switch (hostile() ? r.nextInt(3) : 3) {
            case 0:
                return oneOf(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE),
                        Instant.ofEpochMilli(Long.MIN_VALUE), Instant.parse("+999999999-12-31T23:59:59Z"));
            case 1:
                return oneOf(InputLimits.EARLIEST_TIME, InputLimits.EARLIEST_TIME.minusMillis(1),
                        InputLimits.LATEST_TIME, InputLimits.LATEST_TIME.minusMillis(1));
            case 2:
                return Instant.ofEpochMilli(r.nextLong());
            default:
                return Tx.T0.plusSeconds(r.nextInt(86_400 * 30) - 86_400 * 15);
        }
    }

    /** A date: ordinary, at the bounds, beyond them or at LocalDate's ends; null one time in four. */
    public LocalDate date() {
        if (chance(30)) {
            return null;
        }
        switch (hostile() ? r.nextInt(3) : 3) {
            case 0:
                return LocalDate.of(1970, 1, 1);
            case 1:
                return oneOf(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, InputLimits.EARLIEST_DATE,
                        InputLimits.EARLIEST_DATE.minusDays(1), InputLimits.LATEST_DATE,
                        InputLimits.LATEST_DATE.plusDays(1));
            case 2:
                return LocalDate.ofEpochDay(r.nextInt());
            default:
                return LocalDate.of(1950 + r.nextInt(76), 1 + r.nextInt(12), 1 + r.nextInt(28));
        }
    }

    /** An int: ordinary, or at the ends of the range; null one time in five. */
    public Integer integer(int usualMin, int usualMax) {
        if (chance(20)) {
            return null;
        }
        if (hostile()) {
            return oneOf(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0);
        }
        return usualMin + r.nextInt(usualMax - usualMin + 1);
    }

    /** Opening hours: valid ranges, the cases of issue 11, and random text. */
    public String openingHours() {
        switch (hostile() ? r.nextInt(2) : 2) {
            case 0:
                return oneOf("00:00-24:00", "25:00-26:00", "9-17", "9:00-18:00", "09.00-18.00", "ab-cd", "abc", "",
                        "09:00-12:00-18:00", "18:00-02:00", "24:00-24:00", "23:59-00:00", "00:00-00:00");
            case 1:
                return string(20);
            default:
                return String.format("%02d:%02d-%02d:%02d", r.nextInt(26), r.nextInt(61), r.nextInt(26), r.nextInt(61));
        }
    }

    /** A list of identifiers: usually short, sometimes beyond the caps, with blanks, placeholders or nulls. */
    public List<String> identifiers(String prefix, int cap) {
        int n = hostile() && chance(30) ? cap + 1 + r.nextInt(50) : 1 + r.nextInt(3);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(hostile() && chance(30) ? (chance(30) ? null : string(40)) : prefix + r.nextInt(20));
        }
        return out;
    }

    /** A transaction party, possibly null, with hostile fields. */
    public TransactionParty party(boolean bankSide) {
        if (hostile() && chance(10)) {
            return null;
        }
        TransactionParty p = new TransactionParty();
        p.setAccountId(bankSide && !(hostile() && chance(30)) ? "CY-ACC-" + r.nextInt(20) : optionalString(InputLimits.MAX_ID_LENGTH));
        p.setPartyId(chance(50) ? "P-" + r.nextInt(20) : optionalString(InputLimits.MAX_ID_LENGTH));
        p.setName(optionalString(InputLimits.MAX_NAME_LENGTH));
        p.setBic(optionalString(InputLimits.MAX_ID_LENGTH));
        p.setCountry(chance(50) ? oneOf("CY", "GR", "RO", "NG", null) : optionalString(8));
        p.setType(!hostile() ? null : oneOf(PartyType.values()));
        return p;
    }

    /** A transaction with hostile values in some fields (many are valid; null required fields now and then). */
    public Transaction transaction() {
        newRecord();
        Transaction tx = new Transaction();
        tx.setTxId(!hostile() ? "tx-" + r.nextInt(1_000_000) : (chance(20) ? null : string(InputLimits.MAX_ID_LENGTH)));
        tx.put("eventTime", hostile() && chance(10) ? null : instant());
        tx.setZoneId(!hostile() ? oneOf("Asia/Nicosia", "UTC", "+02:00", "Europe/Athens")
                : (chance(10) ? null : string(40)));
        tx.setStatus(hostile() && chance(10) ? null : oneOf(TransactionStatus.values()));
        tx.setAmount(hostile() && chance(10) ? null : decimal());
        tx.setCurrency(!hostile() ? oneOf("EUR", "USD", "GBP") : (chance(10) ? null : string(10)));
        tx.setChannel(hostile() && chance(10) ? null : oneOf(Channel.values()));
        tx.setDirection(hostile() && chance(10) ? null : oneOf(Direction.values()));
        Direction d = tx.getDirection();
        tx.setOriginator(party(d == Direction.OUTBOUND || d == Direction.INTERNAL));
        tx.setBeneficiary(party(d == Direction.INBOUND || d == Direction.INTERNAL));
        if (chance(30)) {
            Merchant m = new Merchant();
            m.setId(optionalString(InputLimits.MAX_ID_LENGTH));
            m.setMcc(!hostile() ? oneOf("5812", "7273", "4722", "6051", "7011") : (chance(10) ? null : string(10)));
            m.setName(optionalString(InputLimits.MAX_NAME_LENGTH));
            m.setCity(optionalString(InputLimits.MAX_NAME_LENGTH));
            m.setCountry(optionalString(8));
            tx.setMerchant(m);
        }
        if (chance(30)) {
            Terminal t = new Terminal();
            t.setId(!hostile() ? "ATM-" + r.nextInt(30) : (chance(30) ? null : string(InputLimits.MAX_ID_LENGTH)));
            t.setCity(chance(50) ? oneOf("Limassol", "Larnaca", "Paphos") : optionalString(InputLimits.MAX_NAME_LENGTH));
            t.setDistrict(optionalString(InputLimits.MAX_NAME_LENGTH));
            t.setCountry(optionalString(8));
            t.setWhiteLabel(r.nextBoolean());   // a primitive boolean: cannot be null
            tx.setTerminal(t);
        }
        tx.setDeviceId(optionalString(InputLimits.MAX_ID_LENGTH));
        tx.setIpHash(optionalString(InputLimits.MAX_ID_LENGTH));
        tx.setReference(chance(50) ? oneOf("rent", "salary", "escort (Anna)", "visa fee", null)
                : optionalString(InputLimits.MAX_TEXT_LENGTH));
        tx.setPurposeCode(optionalString(8));
        tx.setConductorPartyId(optionalString(InputLimits.MAX_ID_LENGTH));
        tx.setRefundOfTxId(optionalString(InputLimits.MAX_ID_LENGTH));
        tx.setPassengerName(optionalString(InputLimits.MAX_NAME_LENGTH));
        return tx;
    }

    /** A profile with hostile values in some fields. */
    public PartyProfile profile() {
        newRecord();
        PartyProfile p = new PartyProfile();
        p.setPartyId(!hostile() ? "P-" + r.nextInt(20) : (chance(20) ? null : string(InputLimits.MAX_ID_LENGTH)));
        p.put("updatedAt", hostile() && chance(10) ? null : instant());
        p.setKind(hostile() && chance(10) ? null : oneOf(PartyKind.values()));
        p.setAccountIds(hostile() && chance(10) ? null : identifiers("CY-ACC-", InputLimits.MAX_ACCOUNT_IDS));
        p.setBirthYear(integer(1930, 2008));
        p.setNationality(optionalString(8));
        p.setResidenceCountry(optionalString(8));
        p.setOccupation(optionalString(InputLimits.MAX_NAME_LENGTH));
        p.setDeclaredMonthlyIncome(chance(20) ? null : decimal());
        p.setResidencePermit(hostile() && chance(10) ? null : oneOf(ResidencePermit.values()));
        p.put("onboardingDate", date());
        p.setAddressHash(chance(40) ? "addr-" + r.nextInt(10) : optionalString(64));
        p.setPhoneHash(chance(40) ? "phone-" + r.nextInt(10) : optionalString(64));
        p.setEmailHash(chance(40) ? "mail-" + r.nextInt(10) : optionalString(64));
        p.setDeviceIds(hostile() && chance(10) ? null : identifiers("DEV-", InputLimits.MAX_DEVICE_IDS));
        Integer holders = integer(1, 4);
        p.setAccountHolderCount(holders == null ? 1 : holders);
        p.put("maritalStatusChangedOn", date());
        p.setAdverseMedia(!hostile() ? null : oneOf("HUMAN_TRAFFICKING", "PIMPING", string(InputLimits.MAX_NAME_LENGTH)));
        p.setSector(chance(50) ? oneOf("96.04", "56.30", "81.21") : optionalString(InputLimits.MAX_NAME_LENGTH));
        p.setEmployeeCount(integer(0, 50));
        p.setOpeningHours(chance(40) ? null : openingHours());
        return p;
    }
}
