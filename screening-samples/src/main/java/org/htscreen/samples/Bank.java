package org.htscreen.samples;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;

/**
 * The books of the sample bank while traffic is generated: its calendar, account and party numbering,
 * counterparties outside the bank, and what has been booked so far (profiles, transactions, labels).
 */
final class Bank {

    /** Every sample transaction happens in Cyprus time. */
    static final ZoneId ZONE = ZoneId.of("Asia/Nicosia");

    private final SampleConfig config;
    private final LocalDate firstDay;
    private final Instant profileTime;
    private final TransactionFactory transactions;
    private final List<PartyProfile> profiles = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final java.util.Map<String, String> segments = new java.util.LinkedHashMap<>();
    private String caseId;
    private String variant;
    private int accounts;
    private int parties;
    private int externals;

    Bank(SampleConfig config) {
        this.config = config;
        ZonedDateTime start = config.start().atZone(ZONE);
        LocalDate day = start.toLocalDate();
        this.firstDay = start.equals(day.atStartOfDay(ZONE)) ? day : day.plusDays(1);
        this.profileTime = firstDay.minusDays(1).atStartOfDay(ZONE).toInstant();
        this.transactions = new TransactionFactory(config.seed(), this);
    }

    /** Days of traffic. */
    int days() {
        return config.days();
    }

    /** A random source of its own for one part of the sample, so that parts do not disturb each other. */
    Random random(String part, int index) {
        long h = config.seed() * 0x9E3779B97F4A7C15L + part.hashCode() * 31L + index;
        return new Random(h ^ (h >>> 29));
    }

    /** Local day {@code day} (0-based) at a minute of the day; minutes past 24:00 run into the next day. */
    Instant at(int day, int minuteOfDay) {
        return firstDay.plusDays(day).atStartOfDay(ZONE).plusMinutes(minuteOfDay).toInstant();
    }

    /** Local day {@code day} at hour and minute. */
    Instant at(int day, int hour, int minute) {
        return at(day, hour * 60 + minute);
    }

    /** The local calendar date of day {@code day}. */
    LocalDate date(int day) {
        return firstDay.plusDays(day);
    }

    /** Days from day 0 to the given calendar day of month {@code dayOfMonth} in each month of the traffic. */
    List<Integer> monthly(int dayOfMonth) {
        List<Integer> out = new ArrayList<>();
        LocalDate d = firstDay.withDayOfMonth(Math.min(dayOfMonth, firstDay.lengthOfMonth()));
        while (true) {
            int idx = (int) (d.toEpochDay() - firstDay.toEpochDay());
            if (idx >= days()) {
                return out;
            }
            if (idx >= 0) {
                out.add(idx);
            }
            LocalDate next = d.plusMonths(1).withDayOfMonth(1);
            d = next.withDayOfMonth(Math.min(dayOfMonth, next.lengthOfMonth()));
        }
    }

    /** When every profile became true: the day before the traffic starts. */
    Instant profileTime() {
        return profileTime;
    }

    TransactionFactory tx() {
        return transactions;
    }

    /** Opens an account for a new customer. */
    Customer open(String name, Town town, PartyType type) {
        String party = String.format("CY-PTY-%06d", ++parties);
        String account = String.format("CY-ACC-%06d", ++accounts);
        String device = type == PartyType.PERSON ? "DEV-" + hash("device", party).substring(0, 12) : null;
        return new Customer(party, account, name, town, device, type);
    }

    /** A party outside the bank, with an IBAN-like account id of its country. */
    Counterparty external(String name, String country, PartyType type) {
        int n = ++externals;
        return new Counterparty(String.format("%s%02dSAMPLE%012d", country, n % 97, n), name, country, type);
    }

    void profile(PartyProfile profile) {
        profiles.add(profile);
    }

    /** Labels of the following {@link #label} calls carry this case id and scenario variant. */
    void startCase(String caseId, String variant) {
        this.caseId = caseId;
        this.variant = variant;
    }

    void label(Customer c, Typology typology, RoleHint role) {
        labels.add(new Label(c.accountId(), typology, role, caseId, variant));
    }

    /** Records the benign segment of an ordinary customer. */
    Customer segment(Customer c, String segment) {
        segments.put(c.accountId(), segment);
        return c;
    }

    java.util.Map<String, String> segments() {
        return segments;
    }

    SampleConfig config() {
        return config;
    }

    List<PartyProfile> profiles() {
        return profiles;
    }

    List<Label> labels() {
        return labels;
    }

    /** A stable hash standing for a personal identifier (address, phone, e-mail, device). */
    static String hash(String kind, String value) {
        return UUID.nameUUIDFromBytes((kind + ":" + value).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }
}
