package org.htscreen.core.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the SHAM family: payments to an EU-national bride around a marriage (HT-SHAM-01) and the
 * facilitator who pays flights or civil-marriage fees for several couples or collects from several grooms
 * (HT-SHAM-02). Each window is the owning rule's parameter; each group is computed on first access to one of
 * its getters.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class ShamFeatures {

    private static final long DAY = 86_400_000L;

    private boolean euNational;
    private boolean nonResident;
    private boolean newCustomer;
    private boolean nearMaritalChange;
    private LocalDate maritalChange;
    private boolean currentMarriageCredit;
    private int marriageTextCredits;
    private int marriagePayers;
    private double marriageInbound;
    private List<String> marriageEvidence = List.of();

    private boolean currentFacilitatorTicket;
    private int facilitatorPassengers;
    private int marriageContextPayments;
    private List<String> facilitatorTicketEvidence = List.of();

    private boolean currentMarriageFee;
    private int marriageFees;
    private List<String> marriageFeeEvidence = List.of();

    private boolean currentGroomCredit;
    private int groomSenders;
    private int bridePayments;
    private List<String> bridePaymentEvidence = List.of();
    private List<String> groomEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    /** The HT-SHAM-01 span; null when the holder does not qualify (the group then stays at its defaults). */
    private List<HistoryEntry> marriageSpan;
    private final boolean needText;

    /**
     * Computes only what is cheap (the holder's qualification and the flags about the screened transaction
     * itself); each window group is computed on first access, so rules whose other conditions fail never pay for it.
     */
    public ShamFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        bride();
        needText = ctx.params().flag("HT-SHAM-02.fees_need_marriage_text");
        HistoryEntry c = ctx.current();
        currentFacilitatorTicket = LabourFeatures.ticket(ctx, c);
        currentMarriageFee = marriageFee(c, needText);
        currentGroomCredit = groomCredit(ctx, c);
    }

    // ---- HT-SHAM-01 ----

    /** The holder's qualification, the span and whether the screened transaction is a counted credit. */
    private void bride() {
        CustomerProfile p = ctx.profile();
        ReferenceData ref = ctx.ref();
        if (!p.isPerson() || p.getNationality() == null) {
            return;
        }
        euNational = ref.inCountryList("eu", p.getNationality());
        String residence = p.getResidenceCountry();
        nonResident = residence != null && !ref.inCountryList("home", residence);
        long onboarded = p.getDaysSinceOnboarding();
        newCustomer = onboarded >= 0 && onboarded <= ctx.params().num("HT-SHAM-01.max_customer_days");
        if (!euNational || !(nonResident || newCustomer)) {
            return;
        }
        double around = ctx.params().num("HT-SHAM-01.days_around_marriage");
        long changeDays = p.getDaysSinceMaritalChange();
        nearMaritalChange = changeDays >= 0 && changeDays <= around;
        List<HistoryEntry> span;
        if (nearMaritalChange) {
            maritalChange = p.raw().getMaritalStatusChangedOn();
            long change = maritalChange.toEpochDay() * DAY;
            long reach = Math.round(around * DAY);
            span = ctx.between(change - reach - 1, change + reach + DAY - 1);
        } else {
            span = ctx.windowDays("HT-SHAM-01.text_window_days");
        }
        marriageSpan = span;
        HistoryEntry c = ctx.current();
        currentMarriageCredit = marriageCredit(c, p.getNationality()) && containsCurrent(span, c);
    }

    /**
     * Whether a time-ordered span holds the screened transaction (an equal entry): only its last entries can,
     * those at the screened transaction's time.
     */
    private static boolean containsCurrent(List<HistoryEntry> span, HistoryEntry c) {
        for (int i = span.size() - 1; i >= 0; i--) {
            HistoryEntry e = span.get(i);
            if (e.getTime() < c.getTime()) {
                return false;
            }
            if (e.equals(c)) {
                return true;
            }
        }
        return false;
    }

    private void marriageCredits() {
        if (done.already(0)) {
            return;
        }
        if (marriageSpan == null) {
            return;
        }
        String nationality = ctx.profile().getNationality();
        List<HistoryEntry> credits = new ArrayList<>();
        Set<String> payers = new HashSet<>();
        int texts = 0;
        for (HistoryEntry e : marriageSpan) {
            if (marriageCredit(e, nationality)) {
                credits.add(e);
                payers.add(payer(e));
                if (FeatureContext.flag(e, EntryFlag.MARRIAGE_TEXT)) {
                    texts++;
                }
            }
        }
        marriageTextCredits = texts;
        marriagePayers = payers.size();
        marriageInbound = FeatureContext.sum(credits);
        marriageEvidence = FeatureContext.evidence(credits);
    }

    /** Who paid a credit: the counterparty, or the person who paid in cash for the holder. */
    private static String payer(HistoryEntry e) {
        return e.getCounterparty() != null ? e.getCounterparty() : e.getConductor();
    }

    /**
     * A credit from someone else that is not pay or a benefit, and not from the customer's own country (money
     * from family at home is not what the indicator is about).
     */
    private static boolean marriageCredit(HistoryEntry e, String nationality) {
        return e.getCredit() && payer(e) != null && !FeatureContext.flag(e, EntryFlag.SALARY)
                && !FeatureContext.flag(e, EntryFlag.BENEFIT)
                && (e.getCountry() == null || !e.getCountry().equalsIgnoreCase(nationality));
    }

    // ---- HT-SHAM-02 ----

    private void facilitatorTickets() {
        if (done.already(1)) {
            return;
        }
        List<HistoryEntry> flightLeg = new ArrayList<>();
        Set<String> families = new HashSet<>();
        int context = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SHAM-02.window_days")) {
            if (LabourFeatures.ticket(ctx, e)) {
                flightLeg.add(e);
                families.add(LabourFeatures.familyName(e.getPassenger()));
            } else if (FeatureContext.flag(e, EntryFlag.MARRIAGE_TEXT)
                    || (!e.getCredit() && FeatureContext.flag(e, EntryFlag.MUNICIPALITY) && !needText)) {
                flightLeg.add(e);
                context++;
            }
        }
        facilitatorPassengers = families.size();
        marriageContextPayments = context;
        facilitatorTicketEvidence = FeatureContext.evidence(flightLeg);
    }

    private void fees() {
        if (done.already(2)) {
            return;
        }
        List<HistoryEntry> fees = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-SHAM-02.window_days")) {
            if (marriageFee(e, needText)) {
                fees.add(e);
            }
        }
        marriageFees = fees.size();
        marriageFeeEvidence = FeatureContext.evidence(fees);
    }

    private void grooms() {
        if (done.already(3)) {
            return;
        }
        List<HistoryEntry> grooms = new ArrayList<>();
        Set<String> senders = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SHAM-02.window_days")) {
            if (groomCredit(ctx, e)) {
                grooms.add(e);
                senders.add(payer(e));
            }
        }
        groomSenders = senders.size();
        groomEvidence = FeatureContext.evidence(grooms);
    }

    /** A payment to a municipality, with a marriage or documents reference unless the parameter waives it. */
    private static boolean marriageFee(HistoryEntry e, boolean needText) {
        return !e.getCredit() && FeatureContext.flag(e, EntryFlag.MUNICIPALITY)
                && (!needText || FeatureContext.flag(e, EntryFlag.MARRIAGE_TEXT));
    }

    /**
     * A credit from a groom-country sender with a marriage or documents reference, or without one when it is a lump
     * sum of at least {@code HT-SHAM-02.min_groom_eur} from a private person (grooms pay 2,000-10,000 for the
     * arrangement, often with no words at all); from a sender elsewhere (a groom living in Cyprus), a lump sum with a
     * marriage or documents reference.
     */
    private static boolean groomCredit(FeatureContext ctx, HistoryEntry e) {
        if (!e.getCredit() || payer(e) == null) {
            return false;
        }
        boolean text = FeatureContext.flag(e, EntryFlag.MARRIAGE_TEXT);
        boolean lumpSum = e.getAmountEur() >= ctx.params().num("HT-SHAM-02.min_groom_eur")
                && (e.getCounterpartyType() == null || e.getCounterpartyType() == org.htscreen.avro.PartyType.PERSON);
        if (ctx.ref().inCountryList("sham_groom", e.getCountry())) {
            return text || lumpSum;
        }
        return text && lumpSum;   // a groom living here: thousands from a private person for "documents", "wedding"
    }

    /** Payments of 400-2,500 to private persons in sham-bride countries (HT-SHAM-03 window). */
    private void bridePayments() {
        if (done.already(4)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-SHAM-02.window_days")) {
            if (bridePayment(e)) {
                hits.add(e);
            }
        }
        bridePayments = hits.size();
        bridePaymentEvidence = FeatureContext.evidence(hits);
    }

    /**
     * HT-KYC-09: the holder is a new customer who lives abroad, a national of a sham-bride country, and the screened
     * transaction is a lump sum from a private person (not a salary, not family at home) in the band of the rule.
     */
    public boolean isCurrentBrideLumpSum() {
        CustomerProfile p = ctx.profile();
        HistoryEntry c = ctx.current();
        long days = p.getDaysSinceOnboarding();
        return p.isPerson() && p.getNationality() != null && ctx.ref().inCountryList("sham_bride", p.getNationality())
                && nonResident && days >= 0 && days <= ctx.params().num("HT-KYC-09.max_customer_days")
                && c.getCredit() && SmugglingFeatures.transfer(c) && c.getCounterparty() != null
                && c.getCounterpartyType() == org.htscreen.avro.PartyType.PERSON
                && !FeatureContext.flag(c, EntryFlag.SALARY) && !ctx.fromFamilyAtHome(c)
                && c.getAmountEur() >= ctx.params().num("HT-KYC-09.min_eur")
                && c.getAmountEur() <= ctx.params().num("HT-KYC-09.max_eur");
    }

    /** The screened transaction's id, as evidence of a rule about that transaction alone. */
    public List<String> getCurrentEvidence() { return List.of(ctx.current().getTxId()); }

    /** The holder is a person with a nationality on the {@code eu} list. */
    public boolean isEuNational() { return euNational; }
    /** The holder lives outside the bank's home country ({@code home} list). */
    public boolean isNonResident() { return nonResident; }
    /** The holder became a customer within {@code HT-SHAM-01.max_customer_days}. */
    public boolean isNewCustomer() { return newCustomer; }
    /** The screened transaction is within {@code days_around_marriage} of a recorded marital-status change. */
    public boolean isNearMaritalChange() { return nearMaritalChange; }
    /** The recorded marital-status change date, when near. */
    public LocalDate getMaritalChange() { return maritalChange; }
    /** The screened transaction is one of the counted inbound payments. */
    public boolean isCurrentMarriageCredit() { return currentMarriageCredit; }
    /** Counted inbound payments whose reference mentions marriage or documents. */
    public int getMarriageTextCredits() { marriageCredits(); return marriageTextCredits; }
    /** Distinct payers of the counted inbound payments. */
    public int getMarriagePayers() { marriageCredits(); return marriagePayers; }
    /** Total of the counted inbound payments, EUR. */
    public double getMarriageInbound() { marriageCredits(); return marriageInbound; }
    public List<String> getMarriageEvidence() { marriageCredits(); return marriageEvidence; }
    /** The screened transaction is an airline purchase naming a passenger. */
    public boolean isCurrentFacilitatorTicket() { return currentFacilitatorTicket; }
    /** Distinct passenger family names on airline purchases in the facilitator window. */
    public int getFacilitatorPassengers() { facilitatorTickets(); return facilitatorPassengers; }
    /** Payments in the facilitator window with a marriage or documents reference (or municipal fees when text is waived). */
    public int getMarriageContextPayments() { facilitatorTickets(); return marriageContextPayments; }
    /** The airline tickets and the marriage-related payments of the facilitator window, in time order. */
    public List<String> getFacilitatorTicketEvidence() { facilitatorTickets(); return facilitatorTicketEvidence; }
    /** The screened transaction is a civil-marriage fee paid to a municipality. */
    public boolean isCurrentMarriageFee() { return currentMarriageFee; }
    /** Civil-marriage fees paid to municipalities in the facilitator window. */
    public int getMarriageFees() { fees(); return marriageFees; }
    public List<String> getMarriageFeeEvidence() { fees(); return marriageFeeEvidence; }
    /** The screened transaction is a marriage-referenced credit from a groom-country sender. */
    public boolean isCurrentGroomCredit() { return currentGroomCredit; }
    /** Distinct groom-country senders of marriage-referenced credits in the facilitator window. */
    public int getGroomSenders() { grooms(); return groomSenders; }
    public List<String> getGroomEvidence() { grooms(); return groomEvidence; }
    /** Payments to private persons in sham-bride countries in the band of HT-SHAM-03. */
    public int getBridePayments() { bridePayments(); return bridePayments; }
    public List<String> getBridePaymentEvidence() { bridePayments(); return bridePaymentEvidence; }
    /** A payment to a private person in a sham-bride country, in the band of HT-SHAM-03. */
    private boolean bridePayment(HistoryEntry e) {
        return !e.getCredit() && e.getCounterpartyType() == org.htscreen.avro.PartyType.PERSON && e.getCountry() != null
                && ctx.ref().inCountryList("sham_bride", e.getCountry())
                && e.getAmountEur() >= ctx.params().num("HT-SHAM-03.min_bride_eur")
                && e.getAmountEur() <= ctx.params().num("HT-SHAM-03.max_bride_eur");
    }

    /**
     * The screened transaction is a step of the arrangement: a groom payment, a ticket for someone else, a payment to
     * a municipality or a bride payment.
     */
    public boolean isCurrentFacilitatorStep() {
        HistoryEntry c = ctx.current();
        return currentGroomCredit || currentFacilitatorTicket || currentMarriageFee
                || (!c.getCredit() && FeatureContext.flag(c, EntryFlag.MUNICIPALITY)) || bridePayment(c);
    }
}
