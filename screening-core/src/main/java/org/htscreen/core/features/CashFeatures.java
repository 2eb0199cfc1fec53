package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;

/**
 * Features of the CASH family (HT-CASH-01..09): cash deposits by place, night cash, funnel pairs,
 * near-threshold cash, third-party cash, a business's cash-only takings, takings outside opening hours,
 * pass-through and white-label ATM withdrawals. Each window is the owning rule's {@code window_days}.
 */
public final class CashFeatures {

    private int depositCount;
    private int depositTerminals;
    private int depositTowns;
    private List<String> depositEvidence = List.of();

    private boolean currentNightCash;
    private int nightCashCount;
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

    public CashFeatures(FeatureContext ctx) {
        deposits(ctx);
        nightCash(ctx);
        funnel(ctx);
        nearThreshold(ctx);
        thirdPartyCash(ctx);
        businessCashOnly(ctx);
        outsideHours(ctx);
        passThrough(ctx);
        whiteLabel(ctx);
    }

    private void deposits(FeatureContext ctx) {
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
        depositTerminals = terminals.size();
        depositTowns = towns.size();
        depositEvidence = FeatureContext.evidence(in);
    }

    /** Whether a local minute lies in the night window [start hour, end hour) that may wrap midnight. */
    static boolean night(int localMinute, int startHour, int endHour) {
        int h = localMinute / 60;
        return startHour <= endHour ? h >= startHour && h < endHour : h >= startHour || h < endHour;
    }

    private void nightCash(FeatureContext ctx) {
        int start = ctx.params().count("HT-CASH-02.night_start_hour");
        int end = ctx.params().count("HT-CASH-02.night_end_hour");
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-02.window_days")) {
            if ((FeatureContext.cashIn(e) || FeatureContext.cashOut(e)) && night(e.getLocalMinute(), start, end)) {
                hits.add(e);
            }
        }
        HistoryEntry c = ctx.current();
        currentNightCash = (FeatureContext.cashIn(c) || FeatureContext.cashOut(c)) && night(c.getLocalMinute(), start, end);
        nightCashCount = hits.size();
        nightCashEvidence = FeatureContext.evidence(hits);
    }

    private void funnel(FeatureContext ctx) {
        long maxGap = ctx.params().hoursMillis("HT-CASH-03.max_hours");
        double ratio = ctx.params().num("HT-CASH-03.min_debit_ratio");
        List<HistoryEntry> window = ctx.windowDays("HT-CASH-03.window_days");
        List<HistoryEntry> evidence = new ArrayList<>();
        Set<String> usedDebits = new HashSet<>();
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
                        && out.getAmountEur() >= ratio * in.getAmountEur() && usedDebits.add(out.getTxId())) {
                    evidence.add(in);
                    evidence.add(out);
                    break;
                }
            }
        }
        funnelPairs = evidence.size() / 2;
        funnelEvidence = FeatureContext.evidence(evidence);
    }

    private void nearThreshold(FeatureContext ctx) {
        double limit = ctx.params().num("HT-CASH-04.threshold_eur");
        double low = limit * ctx.params().num("HT-CASH-04.near_ratio");
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-04.window_days")) {
            boolean kind = FeatureContext.cashIn(e) || FeatureContext.cashOut(e) || e.getChannel() == Channel.MONEY_REMITTANCE;
            if (kind && e.getAmountEur() >= low && e.getAmountEur() < limit) {
                hits.add(e);
            }
        }
        currentNearThreshold = hits.contains(ctx.current());
        nearThresholdCount = hits.size();
        nearThresholdEvidence = FeatureContext.evidence(hits);
    }

    private void thirdPartyCash(FeatureContext ctx) {
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

    private void businessCashOnly(FeatureContext ctx) {
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

    private void outsideHours(FeatureContext ctx) {
        CustomerProfile p = ctx.profile();
        if (!p.isBusiness() || !p.hasOpeningHours()) {
            return;
        }
        int credits = 0;
        List<HistoryEntry> outside = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-07.window_days")) {
            if (e.getCredit() && (FeatureContext.cashIn(e) || e.getChannel() == Channel.CARD_PRESENT)) {
                credits++;
                if (!p.isOpenAt(e.getLocalMinute())) {
                    outside.add(e);
                }
            }
        }
        currentOutsideHours = outside.contains(ctx.current());
        creditsForHours = credits;
        outsideHoursShare = credits == 0 ? 0 : (double) outside.size() / credits;
        outsideHoursEvidence = FeatureContext.evidence(outside);
    }

    private void passThrough(FeatureContext ctx) {
        long maxGap = ctx.params().hoursMillis("HT-CASH-08.max_hours");
        List<HistoryEntry> window = ctx.windowDays("HT-CASH-08.window_days");
        double credits = 0;
        double passed = 0;
        int creditCount = 0;
        long lastCredit = Long.MIN_VALUE;
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : window) {
            if (e.getCredit()) {
                credits += e.getAmountEur();
                creditCount++;
                lastCredit = e.getTime();
            } else if (lastCredit != Long.MIN_VALUE && e.getTime() - lastCredit <= maxGap) {
                passed += e.getAmountEur();
                hits.add(e);
            }
        }
        passThroughCredits = creditCount;
        passThroughRatio = credits == 0 ? 0 : Math.min(1.0, passed / credits);
        passThroughEvidence = FeatureContext.evidence(hits);
    }

    private void whiteLabel(FeatureContext ctx) {
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CASH-09.window_days")) {
            if (e.getChannel() == Channel.ATM_WITHDRAWAL && e.getWhiteLabel()) {
                hits.add(e);
            }
        }
        whiteLabelWithdrawals = hits.size();
        whiteLabelEvidence = FeatureContext.evidence(hits);
    }

    public int getDepositCount() { return depositCount; }
    public int getDepositTerminals() { return depositTerminals; }
    public int getDepositTowns() { return depositTowns; }
    public List<String> getDepositEvidence() { return depositEvidence; }
    /** The screened transaction is cash in the night hours. */
    public boolean isCurrentNightCash() { return currentNightCash; }
    /** The screened transaction is cash or a remittance just below the threshold. */
    public boolean isCurrentNearThreshold() { return currentNearThreshold; }
    /** The screened transaction is a business takings credit outside the declared hours. */
    public boolean isCurrentOutsideHours() { return currentOutsideHours; }
    public int getNightCashCount() { return nightCashCount; }
    public List<String> getNightCashEvidence() { return nightCashEvidence; }
    public int getFunnelPairs() { return funnelPairs; }
    public List<String> getFunnelEvidence() { return funnelEvidence; }
    public int getNearThresholdCount() { return nearThresholdCount; }
    public List<String> getNearThresholdEvidence() { return nearThresholdEvidence; }
    public double getThirdPartyCashShare() { return thirdPartyCashShare; }
    public int getThirdPartyDepositors() { return thirdPartyDepositors; }
    public List<String> getThirdPartyEvidence() { return thirdPartyEvidence; }
    public double getBusinessCashShare() { return businessCashShare; }
    public int getBusinessCashDeposits() { return businessCashDeposits; }
    public int getElectronicReceipts() { return electronicReceipts; }
    public List<String> getBusinessCashEvidence() { return businessCashEvidence; }
    public int getCreditsForHours() { return creditsForHours; }
    public double getOutsideHoursShare() { return outsideHoursShare; }
    public List<String> getOutsideHoursEvidence() { return outsideHoursEvidence; }
    public int getPassThroughCredits() { return passThroughCredits; }
    public double getPassThroughRatio() { return passThroughRatio; }
    public List<String> getPassThroughEvidence() { return passThroughEvidence; }
    public int getWhiteLabelWithdrawals() { return whiteLabelWithdrawals; }
    public List<String> getWhiteLabelEvidence() { return whiteLabelEvidence; }
}
