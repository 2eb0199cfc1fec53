package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.core.history.EntryFlag;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the KYC family (HT-KYC-01, 03, 04, 05, 06, 08): inflows against the declared income, a business
 * with turnover but no payroll or social insurance, a business paying people's living costs, a new account
 * passing third-party money on, many holders on a personal account, and trafficking-related adverse media.
 * Everything that needs the profile stays at its "nothing found" value when the profile is unknown. What follows
 * from the profile and the screened transaction alone is computed at construction; each window group on first
 * access.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class KycFeatures {

    /** Keyword class of NACE divisions whose trade explains lodging, grocery, car-rental or pharmacy spending. */
    static final String HOSPITALITY_CARE_SECTORS = "sector_hospitality_care";
    /** Keyword class of trafficking-related adverse-media categories. */
    static final String ADVERSE_MEDIA = "adverse_media_trafficking";
    /** MCC groups of people's living costs paid by a business (HT-KYC-04). */
    static final List<String> LIVING_COST_GROUPS = List.of("lodging", "grocery", "car_rental", "pharmacy");

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    private Set<String> ownAccounts;

    private boolean currentCredit;
    private double inflow;
    private int inflowCredits;
    private boolean inflowLimitKnown;
    private double inflowLimit;
    private boolean domesticWorkerCap;
    private List<String> inflowEvidence = List.of();

    private double businessCredits;
    private int socialInsuranceDebits;
    private int taxDebits;
    private double staffCostShare;
    private int wagePayeeCount;
    private List<String> wageEvidence = List.of();
    private double observedDays;
    private List<String> businessCreditEvidence = List.of();

    private boolean nonHospitalityBusiness;
    private boolean currentLivingCost;
    private double livingCostSpend;
    private double livingCostShare;
    private List<String> livingCostEvidence = List.of();

    private long accountAgeDays = -1;
    private int thirdPartySenders;
    private double thirdPartyIn;
    private double passOnRatio;
    private boolean currentPassOn;
    private List<String> newAccountEvidence = List.of();

    private int holderCount;
    private boolean holdersDue;

    private boolean adverseMediaHit;
    private boolean adverseMediaDue;

    /**
     * Computes only what is cheap (what follows from the profile and the screened transaction); each window group is
     * computed on first access, so rules whose other conditions fail never pay for it.
     */
    public KycFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        CustomerProfile p = ctx.profile();
        currentCredit = ctx.current().getCredit();
        if (!p.isKnown()) {
            return;
        }
        inflowLimit(ctx, p);
        if (p.isBusiness()) {
            nonHospitalityBusiness = p.getSector() != null && !p.getSector().isBlank()
                    && !NetworkFeatures.inSectorClass(ctx, p.getSector(), HOSPITALITY_CARE_SECTORS);
            currentLivingCost = nonHospitalityBusiness && !ctx.current().getCredit() && livingCost(ctx, ctx.current());
        }
        accountAgeDays = p.getDaysSinceOnboarding();
        currentPassOn = newAccountInRange() && !ctx.current().getCredit() && passOn(ctx.current());
        long profileTime = p.raw().getUpdatedAt().toEpochMilli();
        holderCount = p.getHolderCount();
        holdersDue = p.isPerson() && NetworkFeatures.firstInPeriod(ctx, profileTime);
        adverseMediaHit = p.getAdverseMedia() != null
                && ctx.ref().keywordClasses(p.getAdverseMedia()).contains(ADVERSE_MEDIA);
        adverseMediaDue = adverseMediaHit && NetworkFeatures.firstInPeriod(ctx, profileTime);
    }

    /** A transfer from or to one of the holder's own accounts. */
    private boolean own(HistoryEntry e) {
        return e.getCounterparty() != null && ownAccounts().contains(e.getCounterparty());
    }

    /** The holder's own accounts (from the profile; empty when unknown), collected on first use. */
    private Set<String> ownAccounts() {
        if (ownAccounts == null) {
            ownAccounts = ownAccounts(ctx.profile());
        }
        return ownAccounts;
    }

    private static Set<String> ownAccounts(CustomerProfile p) {
        return p.isKnown() ? new HashSet<>(p.raw().getAccountIds()) : Set.of();
    }

    private static boolean own(Set<String> ownAccounts, HistoryEntry e) {
        return e.getCounterparty() != null && ownAccounts.contains(e.getCounterparty());
    }

    /** A fold over a window whose predicates read the holder's own accounts and nationality from the profile. */
    private abstract static class ProfileFold extends WindowFold {

        private final String windowKey;
        private final CustomerProfile profile;
        private final PartyProfile raw;
        final Set<String> own;

        ProfileFold(FeatureContext ctx, String windowKey, int classes) {
            super(ctx.params().daysMillis(windowKey), classes);
            this.windowKey = windowKey;
            this.profile = ctx.profile();
            this.raw = profile.raw();
            this.own = ownAccounts(profile);
        }

        /** Same window, and the same profile record (an update replaces the record, never changes it). */
        @Override
        protected boolean fits(FeatureContext ctx) {
            return ctx.profile().raw() == raw && ctx.params().daysMillis(windowKey) == windowMillis();
        }

        CustomerProfile profile() {
            return profile;
        }
    }

    /** HT-KYC-01: the window's credits other than own-account transfers and money from family at home. */
    private static final class InflowFold extends ProfileFold {

        static final WindowFolds.Kind<InflowFold> KIND = new WindowFolds.Kind<>(WindowFolds.KYC_INFLOWS, InflowFold::new);
        static final int INFLOW = 0;

        InflowFold(FeatureContext ctx) {
            super(ctx, "HT-KYC-01.window_days", 1);
        }

        @Override
        protected int classify(HistoryEntry e) {
            return e.getCredit() && !own(own, e) && !FeatureContext.fromFamilyAtHome(profile(), e) ? 1 << INFLOW : 0;
        }
    }

    /** HT-KYC-03: a business's credits, payroll contributions, staff costs and wage payees in the window. */
    private static final class FrontCompanyFold extends ProfileFold {

        static final WindowFolds.Kind<FrontCompanyFold> KIND =
                new WindowFolds.Kind<>(WindowFolds.KYC_FRONT_COMPANY, FrontCompanyFold::new);
        static final int CREDIT = 0;
        static final int SOCIAL_INSURANCE = 1;
        static final int TAX = 2;
        static final int STAFF = 3;
        static final int WAGE = 4;

        FrontCompanyFold(FeatureContext ctx) {
            super(ctx, "HT-KYC-03.window_days", 5);
            distinctBy(WAGE, HistoryEntry::getCounterparty);
        }

        @Override
        protected int classify(HistoryEntry e) {
            if (own(own, e)) {
                return 0;
            }
            if (e.getCredit()) {
                return 1 << CREDIT;
            }
            if (FeatureContext.flag(e, EntryFlag.SOCIAL_INSURANCE)) {
                return 1 << SOCIAL_INSURANCE;
            }
            if (FeatureContext.flag(e, EntryFlag.TAX)) {
                return 1 << TAX;
            }
            if (!staffCost(e)) {
                return 0;
            }
            return FeatureContext.flag(e, EntryFlag.SALARY) && e.getCounterparty() != null
                    ? 1 << STAFF | 1 << WAGE : 1 << STAFF;
        }
    }

    private void inflows() {
        if (done.already(0) || !ctx.profile().isKnown()) {
            return;
        }
        InflowFold fold = WindowFolds.of(ctx, InflowFold.KIND);
        if (fold != null) {
            inflow = fold.sum(InflowFold.INFLOW);
            inflowCredits = fold.count(InflowFold.INFLOW);
            inflowEvidence = fold.evidence(InflowFold.INFLOW);
            return;
        }
        List<HistoryEntry> credits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-KYC-01.window_days")) {
            if (e.getCredit() && !own(e) && !ctx.fromFamilyAtHome(e)) {
                credits.add(e);
            }
        }
        inflow = FeatureContext.sum(credits);
        inflowCredits = credits.size();
        inflowEvidence = FeatureContext.evidence(credits);
    }

    /** The inflow limit, from the profile alone. */
    private void inflowLimit(FeatureContext ctx, CustomerProfile p) {
        double income = p.getDeclaredMonthlyIncome();
        double limit = income > 0 ? ctx.params().num("HT-KYC-01.income_multiple") * income : Double.NaN;
        if (p.getPermit() == ResidencePermit.DOMESTIC_WORKER) {
            double cap = ctx.params().num("HT-KYC-01.domestic_worker_cap_eur");
            if (Double.isNaN(limit) || cap < limit) {
                limit = cap;
                domesticWorkerCap = true;
            }
        }
        inflowLimitKnown = !Double.isNaN(limit);
        inflowLimit = inflowLimitKnown ? limit : 0;
    }

    private void frontCompany() {
        if (done.already(1) || !ctx.profile().isKnown() || !ctx.profile().isBusiness()) {
            return;
        }
        List<HistoryEntry> all = ctx.all();
        observedDays = all.isEmpty() ? 0 : (ctx.now() - all.get(0).getTime()) / 86_400_000d;
        FrontCompanyFold fold = WindowFolds.of(ctx, FrontCompanyFold.KIND);
        if (fold != null) {
            businessCredits = fold.sum(FrontCompanyFold.CREDIT);
            socialInsuranceDebits = fold.count(FrontCompanyFold.SOCIAL_INSURANCE);
            taxDebits = fold.count(FrontCompanyFold.TAX);
            staffCostShare = businessCredits == 0 ? 0 : fold.sum(FrontCompanyFold.STAFF) / businessCredits;
            wagePayeeCount = fold.distinct(FrontCompanyFold.WAGE);
            wageEvidence = fold.evidence(FrontCompanyFold.WAGE);
            businessCreditEvidence = fold.evidence(FrontCompanyFold.CREDIT);
            return;
        }
        List<HistoryEntry> credits = new ArrayList<>();
        Set<String> wagePayees = Set.of();
        List<HistoryEntry> wages = List.of();
        double staff = 0;
        for (HistoryEntry e : ctx.windowDays("HT-KYC-03.window_days")) {
            if (own(e)) {
                continue;
            }
            if (e.getCredit()) {
                credits.add(e);
            } else if (FeatureContext.flag(e, EntryFlag.SOCIAL_INSURANCE)) {
                socialInsuranceDebits++;
            } else if (FeatureContext.flag(e, EntryFlag.TAX)) {
                taxDebits++;
            } else if (staffCost(e)) {
                staff += e.getAmountEur();
                if (FeatureContext.flag(e, EntryFlag.SALARY) && e.getCounterparty() != null) {
                    if (wagePayees.isEmpty()) {
                        wagePayees = new java.util.TreeSet<>();
                        wages = new ArrayList<>();
                    }
                    wagePayees.add(e.getCounterparty());
                    wages.add(e);
                }
            }
        }
        businessCredits = FeatureContext.sum(credits);
        staffCostShare = businessCredits == 0 ? 0 : staff / businessCredits;
        wagePayeeCount = wagePayees.size();
        wageEvidence = FeatureContext.evidence(wages);
        businessCreditEvidence = FeatureContext.evidence(credits);
    }

    /** Wages, or fees to an employment agency for temporary staff. */
    private static boolean staffCost(HistoryEntry e) {
        return FeatureContext.flag(e, EntryFlag.SALARY) || FeatureContext.flag(e, EntryFlag.LICENSED_AGENCY)
                || e.getCounterpartyType() == PartyType.EMPLOYMENT_AGENCY;
    }

    private void livingCosts() {
        if (done.already(2) || !nonHospitalityBusiness) {
            return;
        }
        double debits = 0;
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-KYC-04.window_days")) {
            if (e.getCredit() || own(e)) {
                continue;
            }
            debits += e.getAmountEur();
            if (livingCost(ctx, e)) {
                hits.add(e);
            }
        }
        livingCostSpend = FeatureContext.sum(hits);
        livingCostShare = debits == 0 ? 0 : livingCostSpend / debits;
        livingCostEvidence = FeatureContext.evidence(hits);
    }

    private static boolean livingCost(FeatureContext ctx, HistoryEntry e) {
        for (String g : LIVING_COST_GROUPS) {
            if (ctx.mcc(e, g)) {
                return true;
            }
        }
        return false;
    }

    /** The profile is known and the account is young enough for HT-KYC-05. */
    private boolean newAccountInRange() {
        return ctx.profile().isKnown()
                && !(accountAgeDays < 0 || accountAgeDays > ctx.params().num("HT-KYC-05.max_account_age_days"));
    }

    private void newAccount() {
        if (done.already(3) || !newAccountInRange()) {
            return;
        }
        Set<String> senders = new HashSet<>();
        double in = 0;
        double out = 0;
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-KYC-05.max_account_age_days")) {
            if (e.getCredit()) {
                String sender = thirdPartySender(e);
                if (sender != null) {
                    senders.add(sender);
                    in += e.getAmountEur();
                    hits.add(e);
                }
            } else if (passOn(e)) {
                out += e.getAmountEur();
                hits.add(e);
            }
        }
        thirdPartySenders = senders.size();
        thirdPartyIn = in;
        passOnRatio = in == 0 ? 0 : Math.min(1.0, out / in);
        newAccountEvidence = FeatureContext.evidence(hits);
    }

    /**
     * Who paid third-party money in: the sender of a transfer that is neither the holder's own account nor a
     * salary or benefit, or the other person who paid in cash; null otherwise.
     */
    private String thirdPartySender(HistoryEntry e) {
        if (FeatureContext.cashIn(e)) {
            return e.getConductor();
        }
        if (e.getCounterparty() == null || own(e) || FeatureContext.flag(e, EntryFlag.SALARY)
                || FeatureContext.flag(e, EntryFlag.BENEFIT) || e.getChannel() == Channel.CARD_PRESENT
                || e.getChannel() == Channel.CARD_NOT_PRESENT) {
            return null;
        }
        return e.getCounterparty();
    }

    /** Money passed on: a cash withdrawal, or a transfer to someone else that is not rent or a bill. */
    private boolean passOn(HistoryEntry e) {
        if (FeatureContext.cashOut(e)) {
            return true;
        }
        boolean transfer = switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE -> true;
            default -> false;
        };
        return transfer && !own(e) && !FeatureContext.flag(e, EntryFlag.LIVING_COST);
    }

    /** The screened transaction is a credit. */
    public boolean isCurrentCredit() { return currentCredit; }
    /** Credits in the window, without transfers between the holder's own accounts (EUR). */
    public double getInflow() { inflows(); return inflow; }
    public int getInflowCredits() { inflows(); return inflowCredits; }
    /** Whether an inflow limit follows from the profile (declared income, or the domestic-worker cap). */
    public boolean isInflowLimitKnown() { return inflowLimitKnown; }
    /** The inflow limit in EUR (0 when unknown). */
    public double getInflowLimit() { return inflowLimit; }
    /** The limit is the domestic-worker cap rather than the multiple of the declared income. */
    public boolean isDomesticWorkerCap() { return domesticWorkerCap; }
    public List<String> getInflowEvidence() { inflows(); return inflowEvidence; }

    /** A business's credits in the window, without its own-account transfers (EUR). */
    public double getBusinessCredits() { frontCompany(); return businessCredits; }
    /** Payments to the social-insurance fund in the window. */
    public int getSocialInsuranceDebits() { frontCompany(); return socialInsuranceDebits; }
    /** Payments to the tax department (PAYE) in the window. */
    public int getTaxDebits() { frontCompany(); return taxDebits; }
    /** Whether the business paid social insurance or PAYE tax in the window. */
    public boolean isPayrollContributions() { frontCompany(); return socialInsuranceDebits + taxDebits > 0; }
    /** Wages and employment-agency fees as a share of the credits. */
    public double getStaffCostShare() { frontCompany(); return staffCostShare; }
    /** Distinct people paid wages (salary-flagged debits) by the business in the HT-KYC-03 window. */
    public int getWagePayees() { frontCompany(); return wagePayeeCount; }
    /** Payments to social insurance and to the tax department (PAYE) in the HT-KYC-03 window. */
    public int getContributionPayments() { frontCompany(); return socialInsuranceDebits + taxDebits; }
    public List<String> getWageEvidence() { frontCompany(); return wageEvidence; }
    /** The screened transaction is a wage payment (a salary-flagged debit). */
    public boolean isCurrentWagePayment() {
        HistoryEntry c = ctx.current();
        return !c.getCredit() && FeatureContext.flag(c, EntryFlag.SALARY);
    }
    /** Days of history the engine holds for the account, up to the screened transaction. */
    public double getObservedDays() { frontCompany(); return observedDays; }
    public List<String> getBusinessCreditEvidence() { frontCompany(); return businessCreditEvidence; }

    /** A business with a known NACE sector whose trade does not explain lodging, grocery, car-rental or pharmacy spending. */
    public boolean isNonHospitalityBusiness() { return nonHospitalityBusiness; }
    /** The screened transaction is a payment for lodging, groceries, car rental or pharmacy. */
    public boolean isCurrentLivingCost() { return currentLivingCost; }
    public double getLivingCostSpend() { livingCosts(); return livingCostSpend; }
    /** Lodging, grocery, car-rental and pharmacy spending as a share of the debits. */
    public double getLivingCostShare() { livingCosts(); return livingCostShare; }
    public List<String> getLivingCostEvidence() { livingCosts(); return livingCostEvidence; }

    /** Whether the profile gives the date the account was opened. */
    public boolean isAccountAgeKnown() { return accountAgeDays >= 0; }
    /** Days since the account was opened (profile onboarding date), -1 when unknown. */
    public long getAccountAgeDays() { return accountAgeDays; }
    /** Distinct third parties who paid money in since the account was opened. */
    public int getThirdPartySenders() { newAccount(); return thirdPartySenders; }
    /** Third-party money paid in (EUR). */
    public double getThirdPartyIn() { newAccount(); return thirdPartyIn; }
    /** Money passed on (cash out, transfers to others) as a share of the third-party money in, at most 1. */
    public double getPassOnRatio() { newAccount(); return passOnRatio; }
    /** The screened transaction passes money on. */
    public boolean isCurrentPassOn() { return currentPassOn; }
    public List<String> getNewAccountEvidence() { newAccount(); return newAccountEvidence; }

    /** Joint holders and authorised users on the holder's accounts (profile), 0 when unknown. */
    public int getHolderCount() { return holderCount; }
    /** A personal account's holder count is due to be reported on this transaction. */
    public boolean isHoldersDue() { return holdersDue; }

    /** The holder's adverse-media category is trafficking-related. */
    public boolean isAdverseMediaHit() { return adverseMediaHit; }
    /** A trafficking-related adverse-media finding is due to be reported on this transaction. */
    public boolean isAdverseMediaDue() { return adverseMediaDue; }
}
