package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the SMUG family (HT-SMUG-01..03, FIN14's smuggling red flags): fan-in of small transfers from many
 * senders in many places to a holder tied to a transit area; transfers from migrant-source countries to a holder
 * who is not a national of them; a sudden rise in cash followed by wires to migrant-source or transit countries.
 * Each window is the owning rule's parameter; country lists are the reference lists {@code transit} and
 * {@code migrant_source}.
 *
 * <p>Only the cheap flags about the screened transaction (and whether the cash baseline is known) are computed up
 * front; each window group is computed on first access to one of its getters. {@code currentRiskWire} depends on
 * earlier cash: it answers false at once when the screened transaction cannot qualify, and otherwise computes its
 * group.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class SmugglingFeatures {

    static final String TRANSIT = "transit";
    static final String MIGRANT_SOURCE = "migrant_source";
    private static final long DAY = 86_400_000L;

    private boolean currentSmallTransferIn;
    private int smallTransfers;
    private int senders;
    private int senderLocations;
    private String senderPlaces = "";
    private boolean transitLinked;
    private String transitLink = "none";
    private List<String> fanInEvidence = List.of();

    private boolean currentMigrantSourceIn;
    private int migrantSourceTransfers;
    private int migrantSourceSenders;
    private String migrantSourceCountries = "";
    private List<String> migrantSourceEvidence = List.of();

    private boolean currentRiskWire;
    private boolean baselineKnown;
    private double recentCash;
    private double baselineCashPerWindow;
    private double baselineDays;
    private double wiredAfterCash;
    private double wireShare;
    private String wireCountries = "";
    private List<String> cashWireEvidence = List.of();
    /** Start of the cash baseline (exclusive) and its length; set when the history is not empty. */
    private long baselineFrom;
    private long baselineCovered;

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /** Computes only what needs no window scan: the flags about the screened transaction and the baseline's extent. */
    public SmugglingFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentSmallTransferIn = smallPrivateTransferIn(c, ctx.params().num("HT-SMUG-01.max_amount_eur"))
                && !FeatureContext.flag(c, EntryFlag.RENT_TEXT);
        CustomerProfile p = ctx.profile();
        currentMigrantSourceIn = p.isPerson() && p.getNationality() != null && fromForeignMigrantSource(ctx, c);
        List<HistoryEntry> all = ctx.all();
        if (!all.isEmpty()) {
            long windowStart = ctx.now() - ctx.params().daysMillis("HT-SMUG-03.window_days");
            // the baseline reaches back baseline_days, or to the account's first retained transaction (included)
            baselineFrom = Math.max(windowStart - ctx.params().daysMillis("HT-SMUG-03.baseline_days"),
                    all.get(0).getTime() - 1);
            baselineCovered = windowStart - baselineFrom;
            baselineKnown = baselineCovered > 0 && baselineCovered >= ctx.params().daysMillis("HT-SMUG-03.min_baseline_days");
        }
    }

    /** A transfer of any kind that arrives from, or leaves to, another account. */
    static boolean transfer(HistoryEntry e) {
        return switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE -> true;
            default -> false;
        };
    }

    /** A sender that can be a private person paying a fee: a person, an unknown party or a money remitter. */
    private static boolean privateSender(HistoryEntry e) {
        PartyType t = e.getCounterpartyType();
        return t == null || t == PartyType.PERSON || t == PartyType.UNKNOWN || t == PartyType.MONEY_REMITTER;
    }

    private void fanIn() {
        if (done.already(0)) {
            return;
        }
        double maxAmount = ctx.params().num("HT-SMUG-01.max_amount_eur");
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> people = new TreeSet<>();
        Set<String> places = new TreeSet<>();
        double recurring = ctx.params().num("HT-SMUG-01.recurring_days");
        for (HistoryEntry e : ctx.windowDays("HT-SMUG-01.window_days")) {
            if (!smallPrivateTransferIn(e, maxAmount) || expectedPayment(ctx, e, recurring)) {
                continue;
            }
            hits.add(e);
            people.add(e.getCounterparty());
            String place = place(e);
            if (place != null) {
                places.add(place);
            }
        }
        smallTransfers = hits.size();
        senders = people.size();
        senderLocations = places.size();
        senderPlaces = String.join(", ", places);
        fanInEvidence = FeatureContext.evidence(hits);
    }

    /**
     * A payment that is not a smuggling fee: rent (a rent reference), or a payer who paid the account before, at
     * least {@code recurringDays} earlier. Smuggling fees are one-off payments from ever new senders; tenants pay
     * the same landlord every month.
     */
    static boolean expectedPayment(FeatureContext ctx, HistoryEntry e, double recurringDays) {
        return FeatureContext.flag(e, EntryFlag.RENT_TEXT) || ctx.recurringPayer(e, recurringDays);
    }

    private static boolean smallPrivateTransferIn(HistoryEntry e, double maxAmount) {
        return e.getCredit() && transfer(e) && e.getCounterparty() != null && privateSender(e)
                && !FeatureContext.flag(e, EntryFlag.SALARY) && !FeatureContext.flag(e, EntryFlag.BENEFIT)
                && e.getAmountEur() < maxAmount;
    }

    /** Where a sender paid from: country and town where known ("TR/Mersin", "SY", "Limassol"). */
    static String place(HistoryEntry e) {
        if (e.getCountry() == null && e.getTown() == null) {
            return null;
        }
        if (e.getCountry() == null) {
            return e.getTown();
        }
        return e.getTown() == null ? e.getCountry() : e.getCountry() + "/" + e.getTown();
    }

    /** The holder lives in a transit country, or the account dealt with one recently (counterparty or merchant). */
    private void transitLink() {
        if (done.already(1)) {
            return;
        }
        ReferenceData ref = ctx.ref();
        String residence = ctx.profile().getResidenceCountry();
        if (residence != null && ref.inCountryList(TRANSIT, residence)) {
            transitLinked = true;
            transitLink = "holder resides in " + residence;
            return;
        }
        Set<String> countries = new TreeSet<>();
        int n = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SMUG-01.transit_window_days")) {
            if (e.getCountry() != null && ref.inCountryList(TRANSIT, e.getCountry())) {
                countries.add(e.getCountry());
                n++;
            }
        }
        if (n > 0) {
            transitLinked = true;
            transitLink = n + " transaction(s) with counterparties or merchants in " + String.join(", ", countries);
        }
    }

    private void migrantSource() {
        if (done.already(2)) {
            return;
        }
        CustomerProfile p = ctx.profile();
        if (!p.isPerson() || p.getNationality() == null) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> people = new TreeSet<>();
        Set<String> countries = new TreeSet<>();
        double recurring = ctx.params().num("HT-SMUG-02.recurring_days");
        for (HistoryEntry e : ctx.windowDays("HT-SMUG-02.window_days")) {
            if (fromForeignMigrantSource(ctx, e) && !expectedPayment(ctx, e, recurring)) {
                hits.add(e);
                if (e.getCounterparty() != null) {
                    people.add(e.getCounterparty());
                }
                countries.add(e.getCountry());
            }
        }
        migrantSourceTransfers = hits.size();
        migrantSourceSenders = people.size();
        migrantSourceCountries = String.join(", ", countries);
        migrantSourceEvidence = FeatureContext.evidence(hits);
    }

    /**
     * An inbound transfer from a migrant-source country that is neither the holder's nationality nor the country
     * the holder lives in (so it is international and not from the holder's own people at home).
     */
    private static boolean fromForeignMigrantSource(FeatureContext ctx, HistoryEntry e) {
        String c = e.getCountry();
        CustomerProfile p = ctx.profile();
        return e.getCredit() && transfer(e) && c != null && ctx.ref().inCountryList(MIGRANT_SOURCE, c)
                && !c.equals(p.getNationality()) && !c.equals(p.getResidenceCountry());
    }

    /** Whether the screened transaction can be a wire after cash: the baseline is known and it is a risk wire. */
    private boolean riskWireCandidate() {
        if (!baselineKnown) {
            return false;
        }
        if (riskWire(ctx.ref(), ctx.current())) {
            return true;
        }
        // wires are matched by transaction id, so another entry with the same id could be the one
        return ctx.currentIdElsewhere() && ctx.currentIdElsewhereIn(ctx.windowDays("HT-SMUG-03.window_days"));
    }

    private void cashThenWires() {
        if (done.already(3)) {
            return;
        }
        // baselineKnown is false for an empty history
        if (!baselineKnown) {
            return;
        }
        long window = ctx.params().daysMillis("HT-SMUG-03.window_days");
        long follow = ctx.params().daysMillis("HT-SMUG-03.follow_days");
        long windowStart = ctx.now() - window;
        long from = baselineFrom;
        long covered = baselineCovered;
        double before = 0;
        for (HistoryEntry e : ctx.between(from, windowStart)) {
            if (FeatureContext.cashIn(e)) {
                before += e.getAmountEur();
            }
        }
        baselineDays = (double) covered / DAY;
        baselineCashPerWindow = before * window / covered;

        ReferenceData ref = ctx.ref();
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> countries = new TreeSet<>();
        long lastCash = Long.MIN_VALUE;
        double cash = 0;
        double wired = 0;
        for (HistoryEntry e : ctx.window(window)) {
            if (FeatureContext.cashIn(e)) {
                cash += e.getAmountEur();
                lastCash = e.getTime();
                hits.add(e);
            } else if (riskWire(ref, e) && lastCash != Long.MIN_VALUE && e.getTime() - lastCash <= follow) {
                wired += e.getAmountEur();
                countries.add(e.getCountry());
                hits.add(e);
                if (e.getTxId().equals(ctx.current().getTxId())) {
                    currentRiskWire = true;
                }
            }
        }
        recentCash = cash;
        wiredAfterCash = wired;
        wireShare = cash == 0 ? 0 : wired / cash;
        wireCountries = String.join(", ", countries);
        cashWireEvidence = FeatureContext.evidence(hits);
    }

    /** An outbound transfer to a migrant-source or transit country. */
    private static boolean riskWire(ReferenceData ref, HistoryEntry e) {
        String c = e.getCountry();
        return !e.getCredit() && transfer(e) && c != null
                && (ref.inCountryList(MIGRANT_SOURCE, c) || ref.inCountryList(TRANSIT, c));
    }

    /** The screened transaction is a small inbound transfer from a private sender (HT-SMUG-01). */
    public boolean isCurrentSmallTransferIn() { return currentSmallTransferIn; }
    /** Small inbound transfers from private senders in the HT-SMUG-01 window. */
    public int getSmallTransfers() { fanIn(); return smallTransfers; }
    /** Distinct senders of those transfers. */
    public int getSenders() { fanIn(); return senders; }
    /** Distinct places (country and town) they were sent from. */
    public int getSenderLocations() { fanIn(); return senderLocations; }
    /** The places, comma-separated. */
    public String getSenderPlaces() { fanIn(); return senderPlaces; }
    /** The holder lives in, or recently dealt with, a transit country. */
    public boolean isTransitLinked() { transitLink(); return transitLinked; }
    /** How the holder is tied to a transit area, in words ("none" when not). */
    public String getTransitLink() { transitLink(); return transitLink; }
    public List<String> getFanInEvidence() { fanIn(); return fanInEvidence; }

    /** The screened transaction is an inbound transfer from a foreign migrant-source country (HT-SMUG-02). */
    public boolean isCurrentMigrantSourceIn() { return currentMigrantSourceIn; }
    public int getMigrantSourceTransfers() { migrantSource(); return migrantSourceTransfers; }
    public int getMigrantSourceSenders() { migrantSource(); return migrantSourceSenders; }
    public String getMigrantSourceCountries() { migrantSource(); return migrantSourceCountries; }
    public List<String> getMigrantSourceEvidence() { migrantSource(); return migrantSourceEvidence; }

    /** The screened transaction is a wire to a migrant-source or transit country soon after cash (HT-SMUG-03). */
    public boolean isCurrentRiskWire() {
        if (!riskWireCandidate()) {
            return false;
        }
        cashThenWires();
        return currentRiskWire;
    }
    /** The account has enough history before the window to know its cash baseline. */
    public boolean isBaselineKnown() { return baselineKnown; }
    /** Cash paid in during the HT-SMUG-03 window, EUR. */
    public double getRecentCash() { cashThenWires(); return recentCash; }
    /** Cash paid in before the window, scaled to one window length, EUR. */
    public double getBaselineCashPerWindow() { cashThenWires(); return baselineCashPerWindow; }
    /** Days of history the baseline was taken from. */
    public double getBaselineDays() { cashThenWires(); return baselineDays; }
    /** EUR wired to migrant-source or transit countries within the follow-up time of a cash deposit. */
    public double getWiredAfterCash() { cashThenWires(); return wiredAfterCash; }
    /** Those wires as a share of the window's cash. */
    public double getWireShare() { cashThenWires(); return wireShare; }
    public String getWireCountries() { cashThenWires(); return wireCountries; }
    public List<String> getCashWireEvidence() { cashThenWires(); return cashWireEvidence; }
}
