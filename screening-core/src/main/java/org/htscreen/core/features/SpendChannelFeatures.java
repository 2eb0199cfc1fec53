package org.htscreen.core.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the SPEND family's channel rules (HT-SPEND-09..17): prepaid-card loads, crypto purchases after
 * third-party inflows, payment-processor payouts, telecom top-ups, luxury spending against declared income with
 * third-party funding, gambling with little play, missing living expenses and parking. Each window is the owning
 * rule's {@code window_days}; "now" is the screened transaction's event time. Flags about the screened
 * transaction alone are computed at construction; each window group on first access.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class SpendChannelFeatures {

    /** MCC groups whose spending marks a survival or "work" life (HT-SPEND-16). */
    static final List<String> WORK_LIFE_GROUPS =
            List.of("lodging", "fast_food", "taxi", "public_transport", "car_rental", "airline", "prepaid", "beauty");

    private static final double DAY_MILLIS = 86_400_000d;

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    private Set<String> ownAccounts;

    private final boolean currentPrepaid;
    private int prepaidLoads;
    private double prepaidTotal;
    private int prepaidCards;
    private List<String> prepaidEvidence = List.of();

    private final boolean currentCrypto;
    private int cryptoFundingTransfers;
    private double cryptoFundingSum;
    private double cryptoPurchaseShare;
    private List<String> cryptoFundingEvidence = List.of();
    private final boolean currentSmallCrypto;
    private int smallCryptoPurchases;
    private List<String> smallCryptoEvidence = List.of();

    private final boolean currentProcessorCredit;
    private int processorCredits;
    private int processors;
    private List<String> processorEvidence = List.of();

    private final boolean currentTelecom;
    private int telecomPayments;
    private int telecomProviders;
    private List<String> telecomEvidence = List.of();

    private final boolean currentLuxury;
    private double luxurySpend;
    private double luxuryIncomeRatio = Double.NaN;
    private double thirdPartyFundingShare;
    private int thirdPartyFunders;
    private List<String> luxuryEvidence = List.of();

    private final boolean currentGamblingPayout;
    private boolean currentFundedStake;
    private double gamblingStakes;
    private double gamblingPayouts;
    private double gamblingPayoutShare;
    private double fundedStakeShare;
    private List<String> gamblingEvidence = List.of();

    private final boolean currentWorkLifeSpend;
    private double livingInflows;
    private int livingCostPayments;
    private int groceryPayments;
    private int cardPayments;
    private double workLifeShare;
    private double accountAgeDays;
    private List<String> workLifeEvidence = List.of();

    private final boolean currentParking;
    private int parkingPayments;
    private int parkingPlaces;
    private List<String> parkingEvidence = List.of();

    /** The screened transaction is a stake with a gambling operator. */
    private final boolean currentStake;

    /**
     * Computes only what is cheap (the flags about the screened transaction itself); each window group is computed
     * on first access, so rules whose other conditions fail never pay for it.
     */
    public SpendChannelFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentPrepaid = prepaidLoad(c);
        currentCrypto = cryptoPurchase(c);
        currentSmallCrypto = currentCrypto && c.getAmountEur() < ctx.params().num("HT-SPEND-10.small_purchase_eur");
        currentProcessorCredit = processorPayout(c);
        currentTelecom = telecomTopUp(c);
        currentLuxury = luxuryPurchase(c) && ctx.profile().isPerson();
        currentGamblingPayout = c.getCredit() && gamblingCounterparty(c);
        currentStake = !c.getCredit() && gamblingCounterparty(c);
        currentWorkLifeSpend = workLifeSpend(c);
        currentParking = parkingPayment(c);
    }

    /** The holder's own accounts (from the profile; empty when unknown), collected on first use. */
    private Set<String> ownAccounts() {
        if (ownAccounts == null) {
            ownAccounts = new HashSet<>();
            if (ctx.profile().isKnown()) {
                ownAccounts.addAll(ctx.profile().raw().getAccountIds());
            }
        }
        return ownAccounts;
    }

    // ---- shared predicates ----

    /** A transfer channel (domestic, SEPA, SWIFT, instant, remittance). */
    static boolean transfer(HistoryEntry e) {
        return switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE -> true;
            default -> false;
        };
    }

    /**
     * A transfer into the account from a private third party: a person or an unknown sender, not one of the
     * holder's own accounts, and not a salary or benefit.
     */
    boolean thirdPartyTransferIn(HistoryEntry e) {
        if (!e.getCredit() || !transfer(e) || e.getCounterparty() == null || ownAccounts().contains(e.getCounterparty())) {
            return false;
        }
        PartyType t = e.getCounterpartyType();
        boolean privateSender = t == null || t == PartyType.PERSON || t == PartyType.UNKNOWN;
        return privateSender && !FeatureContext.flag(e, EntryFlag.SALARY) && !FeatureContext.flag(e, EntryFlag.BENEFIT);
    }

    /** Who funded the account with a third-party credit (transfer sender or cash depositor), else null. */
    private String thirdPartyFunder(HistoryEntry e) {
        if (thirdPartyTransferIn(e)) {
            return e.getCounterparty();
        }
        return FeatureContext.cashIn(e) ? e.getConductor() : null;
    }

    private boolean prepaidLoad(HistoryEntry e) {
        return !e.getCredit() && (e.getChannel() == Channel.PREPAID_CARD_LOAD || ctx.mcc(e, "prepaid"));
    }

    private boolean cryptoPurchase(HistoryEntry e) {
        return !e.getCredit() && (e.getChannel() == Channel.CRYPTO_PURCHASE
                || e.getCounterpartyType() == PartyType.CRYPTO_PROVIDER || ctx.mcc(e, "crypto"));
    }

    private boolean gamblingCounterparty(HistoryEntry e) {
        return e.getCounterpartyType() == PartyType.GAMBLING || ctx.mcc(e, "gambling");
    }

    // ---- HT-SPEND-09 ----

    private void prepaid() {
        if (done.already(0)) {
            return;
        }
        List<HistoryEntry> loads = new ArrayList<>();
        Set<String> cards = new HashSet<>();
        double total = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-09.window_days")) {
            if (prepaidLoad(e)) {
                loads.add(e);
                total += e.getAmountEur();
                if (e.getChannel() == Channel.PREPAID_CARD_LOAD && e.getCounterparty() != null) {
                    cards.add(e.getCounterparty());
                }
            }
        }
        prepaidLoads = loads.size();
        prepaidTotal = total;
        prepaidCards = cards.size();
        prepaidEvidence = FeatureContext.evidence(loads);
    }

    // ---- HT-SPEND-10 ----

    private void cryptoFunding() {
        if (done.already(1)) {
            return;
        }
        HistoryEntry c = ctx.current();
        if (currentCrypto) {
            List<HistoryEntry> funding = new ArrayList<>();
            long lookback = ctx.params().hoursMillis("HT-SPEND-10.lookback_hours");
            for (HistoryEntry e : ctx.between(ctx.now() - lookback - 1, ctx.now())) {
                if (thirdPartyTransferIn(e)) {
                    funding.add(e);
                }
            }
            cryptoFundingTransfers = funding.size();
            cryptoFundingSum = FeatureContext.sum(funding);
            cryptoPurchaseShare = cryptoFundingSum == 0 ? 0 : c.getAmountEur() / cryptoFundingSum;
            cryptoFundingEvidence = FeatureContext.evidence(funding);
        }
    }

    private void smallCrypto() {
        if (done.already(2)) {
            return;
        }
        double small = ctx.params().num("HT-SPEND-10.small_purchase_eur");
        List<HistoryEntry> smallBuys = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-10.window_days")) {
            if (cryptoPurchase(e) && e.getAmountEur() < small) {
                smallBuys.add(e);
            }
        }
        smallCryptoPurchases = smallBuys.size();
        smallCryptoEvidence = FeatureContext.evidence(smallBuys);
    }

    // ---- HT-SPEND-11 ----

    private static boolean processorPayout(HistoryEntry e) {
        return e.getCredit() && e.getCounterpartyType() == PartyType.PAYMENT_PROCESSOR && e.getRefundOf() == null;
    }

    private void processors() {
        if (done.already(3)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-11.window_days")) {
            if (processorPayout(e)) {
                hits.add(e);
                if (e.getCounterparty() != null) {
                    names.add(e.getCounterparty());
                }
            }
        }
        processorCredits = hits.size();
        processors = names.size();
        processorEvidence = FeatureContext.evidence(hits);
    }

    // ---- HT-SPEND-12 ----

    /** A telecom payment that is not a regular bill (bills carry the living-cost flag). */
    private boolean telecomTopUp(HistoryEntry e) {
        return !e.getCredit() && ctx.mcc(e, "telecom") && !FeatureContext.flag(e, EntryFlag.LIVING_COST);
    }

    private void telecom() {
        if (done.already(4)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> providers = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-12.window_days")) {
            if (telecomTopUp(e)) {
                hits.add(e);
                providers.add(e.getCounterparty() != null ? e.getCounterparty() : e.getTxId());
            }
        }
        telecomPayments = hits.size();
        telecomProviders = providers.size();
        telecomEvidence = FeatureContext.evidence(hits);
    }

    // ---- HT-SPEND-13 ----

    private boolean luxuryPurchase(HistoryEntry e) {
        return !e.getCredit() && ctx.mcc(e, "luxury");
    }

    private void luxury() {
        if (done.already(5) || !currentLuxury) {
            return;
        }
        double windowDays = ctx.params().num("HT-SPEND-13.window_days");
        List<HistoryEntry> evidence = new ArrayList<>();
        Set<String> funders = new HashSet<>();
        double credits = 0;
        double thirdParty = 0;
        double spend = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-13.window_days")) {
            if (luxuryPurchase(e)) {
                spend += e.getAmountEur();
                evidence.add(e);
            } else if (e.getCredit()) {
                credits += e.getAmountEur();
                String funder = thirdPartyFunder(e);
                if (funder != null) {
                    thirdParty += e.getAmountEur();
                    funders.add(funder);
                    evidence.add(e);
                }
            }
        }
        double periodIncome = ctx.profile().getDeclaredMonthlyIncome() * windowDays / 30;
        luxurySpend = spend;
        luxuryIncomeRatio = periodIncome > 0 ? spend / periodIncome
                : periodIncome == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        thirdPartyFundingShare = credits == 0 ? 0 : thirdParty / credits;
        thirdPartyFunders = funders.size();
        luxuryEvidence = FeatureContext.evidence(evidence);
    }

    // ---- HT-SPEND-14 ----

    private void gambling() {
        if (done.already(6) || (!currentGamblingPayout && !currentStake)) {
            return;
        }
        long lookback = ctx.params().hoursMillis("HT-SPEND-14.lookback_hours");
        int minInbound = ctx.params().count("HT-SPEND-14.min_inbound_transfers");
        ArrayDeque<HistoryEntry> recentFunding = new ArrayDeque<>();
        List<HistoryEntry> evidence = new ArrayList<>();
        double stakes = 0;
        double payouts = 0;
        double funded = 0;
        boolean currentFunded = false;
        long windowStart = ctx.now() - ctx.params().daysMillis("HT-SPEND-14.window_days");
        for (HistoryEntry e : ctx.window(ctx.params().daysMillis("HT-SPEND-14.window_days") + lookback)) {
            while (!recentFunding.isEmpty() && e.getTime() - recentFunding.peekFirst().getTime() > lookback) {
                recentFunding.pollFirst();
            }
            if (thirdPartyTransferIn(e)) {
                recentFunding.addLast(e);
            } else if (e.getTime() > windowStart && gamblingCounterparty(e)) {
                evidence.add(e);
                if (e.getCredit()) {
                    payouts += e.getAmountEur();
                } else {
                    stakes += e.getAmountEur();
                    boolean isFunded = recentFunding.size() >= minInbound;
                    if (isFunded) {
                        funded += e.getAmountEur();
                    }
                    if (ctx.hasCurrentId(e)) {
                        currentFunded = isFunded;
                    }
                }
            }
        }
        currentFundedStake = currentStake && currentFunded;
        gamblingStakes = stakes;
        gamblingPayouts = payouts;
        gamblingPayoutShare = stakes == 0 ? 0 : payouts / stakes;
        fundedStakeShare = stakes == 0 ? 0 : funded / stakes;
        gamblingEvidence = FeatureContext.evidence(evidence);
    }

    // ---- HT-SPEND-16 ----

    private boolean workLifeSpend(HistoryEntry e) {
        return workLifeSpend(ctx.ref(), e);
    }

    private static boolean workLifeSpend(ReferenceData ref, HistoryEntry e) {
        if (e.getCredit() || e.getMcc() == null) {
            return false;
        }
        for (String g : WORK_LIFE_GROUPS) {
            if (ref.inMccGroup(e.getMcc(), g)) {
                return true;
            }
        }
        return false;
    }

    /** The HT-SPEND-16 window's credits, living-cost payments, card payments, groceries and work-life spending. */
    private static final class LivingCostFold extends WindowFold {

        static final WindowFolds.Kind<LivingCostFold> KIND =
                new WindowFolds.Kind<>(WindowFolds.SPEND_LIVING_COSTS, LivingCostFold::new);
        static final int CREDIT = 0;
        static final int LIVING = 1;
        static final int CARD = 2;
        static final int GROCERY = 3;
        static final int WORK_LIFE = 4;

        private final ReferenceData ref;

        LivingCostFold(FeatureContext ctx) {
            super(window(ctx), 5);
            this.ref = ctx.ref();
        }

        static long window(FeatureContext ctx) {
            return ctx.params().daysMillis("HT-SPEND-16.window_days");
        }

        @Override
        protected boolean fits(FeatureContext ctx) {
            return ctx.ref() == ref && window(ctx) == windowMillis();
        }

        @Override
        protected int classify(HistoryEntry e) {
            if (e.getCredit()) {
                return 1 << CREDIT;
            }
            int m = FeatureContext.flag(e, EntryFlag.LIVING_COST) ? 1 << LIVING : 0;
            if (e.getMcc() != null) {
                m |= 1 << CARD;
                if (ref.inMccGroup(e.getMcc(), "grocery")) {
                    m |= 1 << GROCERY;
                }
                if (workLifeSpend(ref, e)) {
                    m |= 1 << WORK_LIFE;
                }
            }
            return m;
        }
    }

    private void livingCosts() {
        if (done.already(7) || !currentWorkLifeSpend) {
            return;
        }
        List<HistoryEntry> all = ctx.all();
        double historySpan = all.isEmpty() ? 0 : (ctx.now() - all.get(0).getTime()) / DAY_MILLIS;
        long onboarded = ctx.profile().getDaysSinceOnboarding();
        accountAgeDays = onboarded >= 0 ? Math.min(historySpan, onboarded) : historySpan;
        LivingCostFold fold = WindowFolds.of(ctx, LivingCostFold.KIND);
        if (fold != null) {
            livingInflows = fold.sum(LivingCostFold.CREDIT);
            livingCostPayments = fold.count(LivingCostFold.LIVING);
            groceryPayments = fold.count(LivingCostFold.GROCERY);
            cardPayments = fold.count(LivingCostFold.CARD);
            double cardSpend = fold.sum(LivingCostFold.CARD);
            workLifeShare = cardSpend == 0 ? 0 : fold.sum(LivingCostFold.WORK_LIFE) / cardSpend;
            workLifeEvidence = fold.evidence(LivingCostFold.WORK_LIFE);
            return;
        }
        List<HistoryEntry> workLife = new ArrayList<>();
        double inflows = 0;
        double cardSpend = 0;
        double workLifeSpend = 0;
        int living = 0;
        int grocery = 0;
        int cards = 0;
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-16.window_days")) {
            if (e.getCredit()) {
                inflows += e.getAmountEur();
                continue;
            }
            if (FeatureContext.flag(e, EntryFlag.LIVING_COST)) {
                living++;
            }
            if (e.getMcc() == null) {
                continue;
            }
            cards++;
            cardSpend += e.getAmountEur();
            if (ctx.mcc(e, "grocery")) {
                grocery++;
            }
            if (workLifeSpend(e)) {
                workLifeSpend += e.getAmountEur();
                workLife.add(e);
            }
        }
        livingInflows = inflows;
        livingCostPayments = living;
        groceryPayments = grocery;
        cardPayments = cards;
        workLifeShare = cardSpend == 0 ? 0 : workLifeSpend / cardSpend;
        workLifeEvidence = FeatureContext.evidence(workLife);
    }

    // ---- HT-SPEND-17 ----

    private boolean parkingPayment(HistoryEntry e) {
        return !e.getCredit() && ctx.mcc(e, "parking");
    }

    private void parking() {
        if (done.already(8)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> places = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-SPEND-17.window_days")) {
            if (parkingPayment(e)) {
                hits.add(e);
                String place = e.getTerminalId() != null ? e.getTerminalId() : e.getCounterparty();
                places.add(place != null ? place : e.getTxId());
            }
        }
        parkingPayments = hits.size();
        parkingPlaces = places.size();
        parkingEvidence = FeatureContext.evidence(hits);
    }

    // ---- getters (read by spend.drl) ----

    /** The screened transaction loads a prepaid card or buys a stored-value / gift card. */
    public boolean isCurrentPrepaid() { return currentPrepaid; }
    public int getPrepaidLoads() { prepaid(); return prepaidLoads; }
    public double getPrepaidTotal() { prepaid(); return prepaidTotal; }
    /** Distinct prepaid cards loaded (counterparty of the loads; card purchases at a merchant name no card). */
    public int getPrepaidCards() { prepaid(); return prepaidCards; }
    public List<String> getPrepaidEvidence() { prepaid(); return prepaidEvidence; }

    /** The screened transaction buys crypto-assets (crypto channel, crypto provider or crypto MCC). */
    public boolean isCurrentCrypto() { return currentCrypto; }
    /** Third-party transfers received in the lookback before the screened crypto purchase. */
    public int getCryptoFundingTransfers() { cryptoFunding(); return cryptoFundingTransfers; }
    public double getCryptoFundingSum() { cryptoFunding(); return cryptoFundingSum; }
    /** The screened crypto purchase as a share of those transfers' sum (0 without such transfers). */
    public double getCryptoPurchaseShare() { cryptoFunding(); return cryptoPurchaseShare; }
    public List<String> getCryptoFundingEvidence() { cryptoFunding(); return cryptoFundingEvidence; }
    /** The screened transaction is a crypto purchase below the small-purchase amount. */
    public boolean isCurrentSmallCrypto() { return currentSmallCrypto; }
    public int getSmallCryptoPurchases() { smallCrypto(); return smallCryptoPurchases; }
    public List<String> getSmallCryptoEvidence() { smallCrypto(); return smallCryptoEvidence; }

    /** The screened transaction is a payout from a payment processor (not a refund). */
    public boolean isCurrentProcessorCredit() { return currentProcessorCredit; }
    public int getProcessorCredits() { processors(); return processorCredits; }
    public int getProcessors() { processors(); return processors; }
    public List<String> getProcessorEvidence() { processors(); return processorEvidence; }

    /** The screened transaction is a telecom payment that is not a regular bill. */
    public boolean isCurrentTelecom() { return currentTelecom; }
    public int getTelecomPayments() { telecom(); return telecomPayments; }
    public int getTelecomProviders() { telecom(); return telecomProviders; }
    public List<String> getTelecomEvidence() { telecom(); return telecomEvidence; }

    /** The screened transaction is a luxury-group purchase by a person. */
    public boolean isCurrentLuxury() { return currentLuxury; }
    public double getLuxurySpend() { luxury(); return luxurySpend; }
    /** Luxury spending over the declared income for the window; NaN when the income is unknown. */
    public double getLuxuryIncomeRatio() { luxury(); return luxuryIncomeRatio; }
    /** Share of credits paid in by third parties (private transfers, third-party cash). */
    public double getThirdPartyFundingShare() { luxury(); return thirdPartyFundingShare; }
    public int getThirdPartyFunders() { luxury(); return thirdPartyFunders; }
    public List<String> getLuxuryEvidence() { luxury(); return luxuryEvidence; }

    /** The screened transaction is a payout from a gambling operator. */
    public boolean isCurrentGamblingPayout() { return currentGamblingPayout; }
    /** The screened transaction is a stake placed after enough third-party transfers in the lookback. */
    public boolean isCurrentFundedStake() {
        if (!currentStake) {
            return false;
        }
        gambling();
        return currentFundedStake;
    }
    public double getGamblingStakes() { gambling(); return gamblingStakes; }
    public double getGamblingPayouts() { gambling(); return gamblingPayouts; }
    public double getGamblingPayoutShare() { gambling(); return gamblingPayoutShare; }
    /** Share of stakes placed within the lookback after enough third-party transfers. */
    public double getFundedStakeShare() { gambling(); return fundedStakeShare; }
    public List<String> getGamblingEvidence() { gambling(); return gamblingEvidence; }

    /** The screened transaction is card spending on lodging, fast food, transport, prepaid or beauty. */
    public boolean isCurrentWorkLifeSpend() { return currentWorkLifeSpend; }
    public double getLivingInflows() { livingCosts(); return livingInflows; }
    public int getLivingCostPayments() { livingCosts(); return livingCostPayments; }
    public int getGroceryPayments() { livingCosts(); return groceryPayments; }
    public int getCardPayments() { livingCosts(); return cardPayments; }
    /** Share of card spending on lodging, fast food, transport, prepaid and beauty. */
    public double getWorkLifeShare() { livingCosts(); return workLifeShare; }
    /** Days of history the account has: the retained history's span, capped by the days since onboarding. */
    public double getAccountAgeDays() { livingCosts(); return accountAgeDays; }
    public List<String> getWorkLifeEvidence() { livingCosts(); return workLifeEvidence; }

    /** The screened transaction is a parking payment. */
    public boolean isCurrentParking() { return currentParking; }
    public int getParkingPayments() { parking(); return parkingPayments; }
    public int getParkingPlaces() { parking(); return parkingPlaces; }
    public List<String> getParkingEvidence() { parking(); return parkingEvidence; }
}
