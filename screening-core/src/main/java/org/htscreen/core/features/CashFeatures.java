package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the CASH family (HT-CASH-01..09): cash deposits by place, night cash, funnel pairs,
 * near-threshold cash, third-party cash, a business's cash-only takings, takings outside opening hours,
 * pass-through and white-label ATM withdrawals. Each window is the owning rule's {@code window_days}.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class CashFeatures {

    private final boolean currentCashIn;
    private final boolean currentCashOut;
    private final boolean currentDebit;

    private int depositCount;
    private int depositTerminals;
    private int depositTowns;
    private List<String> depositEvidence = List.of();

    private boolean currentNightCash;
    private int nightCashCount;
    private double nightCashTotal;
    private boolean takingsInProfile;
    private List<String> nightCashEvidence = List.of();

    private int funnelPairs;
    private List<String> funnelEvidence = List.of();

    private boolean currentNearThreshold;
    private int nearThresholdCount;
    private List<String> nearThresholdEvidence = List.of();

    private double thirdPartyCashShare;
    private int thirdPartyDepositors;
    private List<String> thirdPartyEvidence = List.of();

    private double businessCashShare;
    private int businessCashDeposits;
    private int electronicReceipts;
    private List<String> businessCashEvidence = List.of();

    private boolean currentOutsideHours;
    private int creditsForHours;
    private double outsideHoursShare;
    private List<String> outsideHoursEvidence = List.of();

    private int passThroughCredits;
    private double passThroughRatio;
    private List<String> passThroughEvidence = List.of();

    private int whiteLabelWithdrawals;
    private List<String> whiteLabelEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /**
     * Computes only what is cheap (the flags about the screened transaction itself); each window group is computed
     * on first access, so rules whose other conditions fail never pay for it.
     */
    public CashFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentCashIn = FeatureContext.cashIn(c);
        currentCashOut = FeatureContext.cashOut(c);
        currentDebit = !c.getCredit();
        int start = ctx.params().count("HT-CASH-02.night_start_hour");
        int end = ctx.params().count("HT-CASH-02.night_end_hour");
        CustomerProfile profile = ctx.profile();
        currentNightCash = (currentCashIn || currentCashOut) && night(c.getLocalMinute(), start, end)
                && !(profile.isBusiness() && profile.hasOpeningHours() && profile.isOpenAt(c.getLocalMinute()));
        currentNearThreshold = nearThreshold(c, ctx);
        CustomerProfile p = ctx.profile();
        currentOutsideHours = p.isBusiness() && p.hasOpeningHours() && takings(c) && !p.isOpenAt(c.getLocalMinute());
    }

    private void deposits() {
        if (done.already(0)) {
            return;
        }
        List<HistoryEntry> in = new ArrayList<>();
        Set<String> terminals = new HashSet<>();
        Set<String> towns = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-01.window_days")) {
            if (FeatureContext.cashIn(e)) {
                in.add(e);
                if (e.getTerminalId() != null) {
                    terminals.add(e.getTerminalId());
                }
                if (e.getTown() != null) {
                    towns.add(e.getTown());
                }
            }
        }
        depositCount = in.size();
        takingsInProfile = inProfile(ctx, FeatureContext.sum(in), ctx.params().num("HT-CASH-01.window_days"));
        depositTerminals = terminals.size();
        depositTowns = towns.size();
        depositEvidence = FeatureContext.evidence(in);
    }

    /**
     * Whether cash paid into a business account is what its profile leads one to expect: a business with a declared
     * monthly turnover whose cash credits over a window stay within that turnover for the window. Takings of a shop
     * paid in at its branches are then the normal case, not a red flag (issue 13: multi-branch retailers).
     */
    static boolean inProfile(FeatureContext ctx, double cash, double windowDays) {
        CustomerProfile p = ctx.profile();
        double turnover = p.getDeclaredMonthlyIncome();
        return p.isBusiness() && turnover > 0 && cash <= turnover * windowDays / 30.0;
    }

    /** Whether a local minute lies in the night window [start hour, end hour) that may wrap midnight. */
    static boolean night(int localMinute, int startHour, int endHour) {
        int h = localMinute / 60;
        return startHour <= endHour ? h >= startHour && h < endHour : h >= startHour || h < endHour;
    }

    private void nightCash() {
        if (done.already(1)) {
            return;
        }
        int start = ctx.params().count("HT-CASH-02.night_start_hour");
        int end = ctx.params().count("HT-CASH-02.night_end_hour");
        List<HistoryEntry> hits = new ArrayList<>();
        CustomerProfile p = ctx.profile();
        boolean hours = p.isBusiness() && p.hasOpeningHours();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-02.window_days")) {
            if ((FeatureContext.cashIn(e) || FeatureContext.cashOut(e)) && night(e.getLocalMinute(), start, end)
                    && !(hours && p.isOpenAt(e.getLocalMinute()))) {
                hits.add(e);
            }
        }
        nightCashCount = hits.size();
        nightCashTotal = FeatureContext.sum(hits);
        nightCashEvidence = FeatureContext.evidence(hits);
    }

    private void funnel() {
        if (done.already(2)) {
            return;
        }
        long maxGap = ctx.params().hoursMillis("HT-CASH-03.max_hours");
        double ratio = ctx.params().num("HT-CASH-03.min_debit_ratio");
        List<HistoryEntry> window = ctx.windowDays("HT-CASH-03.window_days");
        List<HistoryEntry> evidence = List.of();      // made on the first pair: most accounts have none
        Set<String> usedDebits = Set.of();
        for (int i = 0; i < window.size(); i++) {
            HistoryEntry in = window.get(i);
            if (!FeatureContext.cashIn(in) || in.getTown() == null) {
                continue;
            }
            for (int j = i + 1; j < window.size(); j++) {
                HistoryEntry out = window.get(j);
                if (out.getTime() - in.getTime() > maxGap) {
                    break;
                }
                if (!out.getCredit() && out.getTown() != null && !out.getTown().equals(in.getTown())
                        && out.getAmountEur() >= ratio * in.getAmountEur()
                        && (usedDebits.isEmpty() || !usedDebits.contains(out.getTxId()))) {
                    if (evidence.isEmpty()) {
                        evidence = new ArrayList<>();
                        usedDebits = new HashSet<>();
                    }
                    usedDebits.add(out.getTxId());
                    evidence.add(in);
                    evidence.add(out);
                    break;
                }
            }
        }
        funnelPairs = evidence.size() / 2;
        funnelEvidence = FeatureContext.evidence(evidence);
    }

    /** Cash or a remittance just below the reporting threshold. */
    private static boolean nearThreshold(HistoryEntry e, FeatureContext ctx) {
        double limit = ctx.params().num("HT-CASH-04.threshold_eur");
        double low = limit * ctx.params().num("HT-CASH-04.near_ratio");
        boolean kind = FeatureContext.cashIn(e) || FeatureContext.cashOut(e) || e.getChannel() == Channel.MONEY_REMITTANCE;
        return kind && e.getAmountEur() >= low && e.getAmountEur() < limit;
    }

    private void nearThreshold() {
        if (done.already(3)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-04.window_days")) {
            if (nearThreshold(e, ctx)) {
                hits.add(e);
            }
        }
        nearThresholdCount = hits.size();
        nearThresholdEvidence = FeatureContext.evidence(hits);
    }

    private void thirdPartyCash() {
        if (done.already(4)) {
            return;
        }
        double credits = 0;
        double thirdParty = 0;
        Set<String> depositors = new HashSet<>();
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-05.window_days")) {
            if (!e.getCredit()) {
                continue;
            }
            credits += e.getAmountEur();
            if (FeatureContext.cashIn(e) && e.getConductor() != null) {
                thirdParty += e.getAmountEur();
                depositors.add(e.getConductor());
                hits.add(e);
            }
        }
        thirdPartyCashShare = credits == 0 ? 0 : thirdParty / credits;
        thirdPartyDepositors = depositors.size();
        thirdPartyEvidence = FeatureContext.evidence(hits);
    }

    private void businessCashOnly() {
        if (done.already(5)) {
            return;
        }
        double credits = 0;
        double cash = 0;
        int electronic = 0;
        List<HistoryEntry> cashIn = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-06.window_days")) {
            if (!e.getCredit()) {
                continue;
            }
            credits += e.getAmountEur();
            if (FeatureContext.cashIn(e)) {
                cash += e.getAmountEur();
                cashIn.add(e);
            } else if (customerReceipt(e)) {
                electronic++;
            }
        }
        businessCashShare = credits == 0 ? 0 : cash / credits;
        businessCashDeposits = cashIn.size();
        electronicReceipts = electronic;
        businessCashEvidence = FeatureContext.evidence(cashIn);
    }

    /** An electronic receipt from a customer: card settlement or a transfer from a person or business. */
    private static boolean customerReceipt(HistoryEntry e) {
        return switch (e.getChannel()) {
            case CARD_PRESENT, CARD_NOT_PRESENT, SEPA_TRANSFER, DOMESTIC_TRANSFER, INSTANT_PAYMENT, SWIFT_TRANSFER -> true;
            default -> false;
        };
    }

    private void outsideHours() {
        if (done.already(6)) {
            return;
        }
        CustomerProfile p = ctx.profile();
        if (!p.isBusiness() || !p.hasOpeningHours()) {
            return;
        }
        int credits = 0;
        List<HistoryEntry> outside = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-07.window_days")) {
            if (takings(e)) {
                credits++;
                if (!p.isOpenAt(e.getLocalMinute())) {
                    outside.add(e);
                }
            }
        }
        creditsForHours = credits;
        outsideHoursShare = credits == 0 ? 0 : (double) outside.size() / credits;
        outsideHoursEvidence = FeatureContext.evidence(outside);
    }

    /** Business takings: a cash deposit or a card settlement. */
    private static boolean takings(HistoryEntry e) {
        return e.getCredit() && (FeatureContext.cashIn(e) || e.getChannel() == Channel.CARD_PRESENT);
    }

    private void passThrough() {
        if (done.already(7)) {
            return;
        }
        PassThroughFold fold = WindowFolds.of(ctx, PassThroughFold.KIND);
        if (fold != null) {
            double credits = fold.sum(PassThroughFold.CREDIT);
            int from = fold.first(PassThroughFold.CREDIT);
            passThroughCredits = fold.count(PassThroughFold.CREDIT);
            passThroughRatio = credits == 0 ? 0 : Math.min(1.0, fold.sum(PassThroughFold.PASSED, from) / credits);
            passThroughEvidence = fold.evidence(PassThroughFold.PASSED, from);
            return;
        }
        long maxGap = ctx.params().hoursMillis("HT-CASH-08.max_hours");
        List<HistoryEntry> window = ctx.windowDays("HT-CASH-08.window_days");
        double credits = 0;
        double passed = 0;
        int creditCount = 0;
        long lastCredit = Long.MIN_VALUE;
        boolean lastCreditCash = false;
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : window) {
            if (e.getCredit()) {
                credits += e.getAmountEur();
                creditCount++;
                lastCredit = e.getTime();
                lastCreditCash = FeatureContext.cashIn(e);
            } else if (lastCredit != Long.MIN_VALUE && e.getTime() - lastCredit <= maxGap
                    && (lastCreditCash || FeatureContext.cashOut(e))) {
                // a CASH signal: the money came in as cash or left as cash (transfers alone: HT-FLOW-13)
                passed += e.getAmountEur();
                hits.add(e);
            }
        }
        passThroughCredits = creditCount;
        passThroughRatio = credits == 0 ? 0 : Math.min(1.0, passed / credits);
        passThroughEvidence = FeatureContext.evidence(hits);
    }

    /**
     * HT-CASH-08's window: its credits, and the debits that follow the latest credit before them within the time
     * limit (money in as cash or out as cash). Such a debit passes money on only while that credit is in the window,
     * i.e. when it comes after the window's first credit: {@link #first} tells where to start.
     */
    private static final class PassThroughFold extends WindowFold {

        static final WindowFolds.Kind<PassThroughFold> KIND =
                new WindowFolds.Kind<>(WindowFolds.CASH_PASS_THROUGH, PassThroughFold::new);
        static final int CREDIT = 0;
        static final int PASSED = 1;

        private final long maxGap;
        private long lastCredit = Long.MIN_VALUE;
        private boolean lastCreditCash;

        PassThroughFold(FeatureContext ctx) {
            super(ctx.params().daysMillis("HT-CASH-08.window_days"), 2);
            maxGap = ctx.params().hoursMillis("HT-CASH-08.max_hours");
        }

        @Override
        protected boolean fits(FeatureContext ctx) {
            return ctx.params().daysMillis("HT-CASH-08.window_days") == windowMillis()
                    && ctx.params().hoursMillis("HT-CASH-08.max_hours") == maxGap;
        }

        @Override
        protected int classify(HistoryEntry e) {
            if (e.getCredit()) {
                lastCredit = e.getTime();
                lastCreditCash = FeatureContext.cashIn(e);
                return 1 << CREDIT;
            }
            return lastCredit != Long.MIN_VALUE && e.getTime() - lastCredit <= maxGap
                    && (lastCreditCash || FeatureContext.cashOut(e)) ? 1 << PASSED : 0;
        }

        @Override
        protected void skipped(HistoryEntry e) {
            if (e.getCredit()) {
                lastCredit = Long.MIN_VALUE;
            }
        }

        @Override
        protected void restart() {
            lastCredit = Long.MIN_VALUE;
        }
    }

    private void whiteLabel() {
        if (done.already(8)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-09.window_days")) {
            if (e.getChannel() == Channel.ATM_WITHDRAWAL && e.getWhiteLabel()) {
                hits.add(e);
            }
        }
        whiteLabelWithdrawals = hits.size();
        whiteLabelEvidence = FeatureContext.evidence(hits);
    }

    public int getDepositCount() { deposits(); return depositCount; }
    public int getDepositTerminals() { deposits(); return depositTerminals; }
    public int getDepositTowns() { deposits(); return depositTowns; }
    public List<String> getDepositEvidence() { deposits(); return depositEvidence; }
    /** The screened transaction is cash in the night hours. */
    /** The screened transaction is cash paid in (branch or ATM deposit). */
    public boolean isCurrentCashIn() { return currentCashIn; }

    /** The screened transaction is cash taken out (branch or ATM withdrawal). */
    public boolean isCurrentCashOut() { return currentCashOut; }

    /** The screened transaction is a debit. */
    public boolean isCurrentDebit() { return currentDebit; }

    public boolean isCurrentNightCash() { return currentNightCash; }
    /** The screened transaction is cash or a remittance just below the threshold. */
    public boolean isCurrentNearThreshold() { return currentNearThreshold; }
    /** The screened transaction is a business takings credit outside the declared hours. */
    public boolean isCurrentOutsideHours() { return currentOutsideHours; }
    public int getNightCashCount() { nightCash(); return nightCashCount; }
    /** EUR of the night cash counted by {@link #getNightCashCount()}. */
    public double getNightCashTotal() { nightCash(); return nightCashTotal; }
    /** A business whose cash deposits in the HT-CASH-01 window stay within its declared turnover for the window. */
    public boolean isTakingsInProfile() { deposits(); return takingsInProfile; }
    public List<String> getNightCashEvidence() { nightCash(); return nightCashEvidence; }
    public int getFunnelPairs() { funnel(); return funnelPairs; }
    public List<String> getFunnelEvidence() { funnel(); return funnelEvidence; }
    public int getNearThresholdCount() { nearThreshold(); return nearThresholdCount; }
    public List<String> getNearThresholdEvidence() { nearThreshold(); return nearThresholdEvidence; }
    public double getThirdPartyCashShare() { thirdPartyCash(); return thirdPartyCashShare; }
    public int getThirdPartyDepositors() { thirdPartyCash(); return thirdPartyDepositors; }
    public List<String> getThirdPartyEvidence() { thirdPartyCash(); return thirdPartyEvidence; }
    public double getBusinessCashShare() { businessCashOnly(); return businessCashShare; }
    public int getBusinessCashDeposits() { businessCashOnly(); return businessCashDeposits; }
    public int getElectronicReceipts() { businessCashOnly(); return electronicReceipts; }
    public List<String> getBusinessCashEvidence() { businessCashOnly(); return businessCashEvidence; }
    public int getCreditsForHours() { outsideHours(); return creditsForHours; }
    public double getOutsideHoursShare() { outsideHours(); return outsideHoursShare; }
    public List<String> getOutsideHoursEvidence() { outsideHours(); return outsideHoursEvidence; }
    public int getPassThroughCredits() { passThrough(); return passThroughCredits; }
    public double getPassThroughRatio() { passThrough(); return passThroughRatio; }
    public List<String> getPassThroughEvidence() { passThrough(); return passThroughEvidence; }
    public int getWhiteLabelWithdrawals() { whiteLabel(); return whiteLabelWithdrawals; }
    public List<String> getWhiteLabelEvidence() { whiteLabel(); return whiteLabelEvidence; }
}
