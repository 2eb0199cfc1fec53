package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.history.EntryFlag;

/**
 * Laundering shapes seen on transfers alone (HT-FLOW-12 to HT-FLOW-15), for data without cash or cards such as
 * AMLSim's: fan-in then fan-out (many senders, then many receivers, most of the money gone again), pass-through
 * (large credits passed on by transfer within hours), round trips (a large sum paid out comes back, nearly whole,
 * from someone else: the start of a cycle) and gathering (several people pay large sums in within a day, again and
 * again: the collector of a scatter-gather). Salaries, benefits, rent and payers who paid before are ordinary
 * income and are not counted. Window groups are computed on first access.
 */
public final class TransferShapeFeatures {

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    private final boolean currentTransferDebit;
    private final boolean currentTransferCredit;

    private int fanInSenders;
    private int fanOutReceivers;
    private double fanInEur;
    private double fanOutEur;
    private double fanOutRatio;
    private List<String> fanEvidence = List.of();

    private int passThroughs;
    private double passedEur;
    private List<String> passEvidence = List.of();

    private int roundTrips;
    private double roundTripEur;
    private boolean currentReturn;
    private List<String> roundTripEvidence = List.of();

    private int gatherings;
    private double gatheredEur;
    private int gatheringPayers;
    private boolean currentGathered;
    private List<String> gatheringEvidence = List.of();

    public TransferShapeFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentTransferDebit = !c.getCredit() && SmugglingFeatures.transfer(c) && !ctx.profile().isBusiness();
        currentTransferCredit = c.getCredit() && SmugglingFeatures.transfer(c) && !ctx.profile().isBusiness();
    }

    /** A transfer credit that is not ordinary income: no salary, benefit or rent, and not from a regular payer. */
    private boolean irregularCredit(HistoryEntry e, double recurringDays) {
        return e.getCredit() && SmugglingFeatures.transfer(e) && !FeatureContext.flag(e, EntryFlag.SALARY)
                && !FeatureContext.flag(e, EntryFlag.BENEFIT) && !SmugglingFeatures.expectedPayment(ctx, e, recurringDays);
    }

    private void fan() {
        if (done.already(0)) {
            return;
        }
        double recurring = ctx.params().num("HT-FLOW-12.recurring_days");
        Set<String> senders = new TreeSet<>();
        Set<String> receivers = new TreeSet<>();
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-12.window_days")) {
            if (e.getCounterparty() == null || !SmugglingFeatures.transfer(e)) {
                continue;
            }
            if (irregularCredit(e, recurring)) {
                senders.add(e.getCounterparty());
                fanInEur += e.getAmountEur();
                hits.add(e);
            } else if (!e.getCredit()) {
                receivers.add(e.getCounterparty());
                fanOutEur += e.getAmountEur();
                hits.add(e);
            }
        }
        fanInSenders = senders.size();
        fanOutReceivers = receivers.size();
        fanOutRatio = fanInEur == 0 ? 0 : Math.min(1, fanOutEur / fanInEur);
        fanEvidence = FeatureContext.evidence(hits);
    }

    private void passThrough() {
        if (done.already(1)) {
            return;
        }
        double recurring = ctx.params().num("HT-FLOW-13.recurring_days");
        double minAmount = ctx.params().num("HT-FLOW-13.min_amount_eur");
        double ratio = ctx.params().num("HT-FLOW-13.min_ratio");
        long maxGap = ctx.params().hoursMillis("HT-FLOW-13.max_hours");
        List<HistoryEntry> window = ctx.windowDays("HT-FLOW-13.window_days");
        List<HistoryEntry> hits = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            HistoryEntry in = window.get(i);
            if (in.getAmountEur() < minAmount || !irregularCredit(in, recurring)) {
                continue;
            }
            double out = 0;
            List<HistoryEntry> outs = new ArrayList<>();
            for (int j = i + 1; j < window.size() && window.get(j).getTime() - in.getTime() <= maxGap; j++) {
                HistoryEntry o = window.get(j);
                if (!o.getCredit() && SmugglingFeatures.transfer(o)) {
                    out += o.getAmountEur();
                    outs.add(o);
                }
            }
            if (out >= ratio * in.getAmountEur()) {
                passThroughs++;
                passedEur += in.getAmountEur();
                hits.add(in);
                hits.addAll(outs);
            }
        }
        passEvidence = FeatureContext.evidence(hits);
    }

    /**
     * Round trips: a transfer out of at least the minimum amount to a private person, followed within the allowed
     * days by an irregular transfer credit from a different private person of nearly the same amount. Each credit
     * closes at most one round trip, the earliest open one.
     */
    private void roundTrip() {
        if (done.already(2)) {
            return;
        }
        double recurring = ctx.params().num("HT-FLOW-14.recurring_days");
        double minAmount = ctx.params().num("HT-FLOW-14.min_amount_eur");
        double maxDifference = ctx.params().num("HT-FLOW-14.max_difference");
        long maxGap = ctx.params().daysMillis("HT-FLOW-14.max_days");
        List<HistoryEntry> window = ctx.windowDays("HT-FLOW-14.window_days");
        Set<String> closed = new TreeSet<>();
        List<HistoryEntry> hits = new ArrayList<>();
        HistoryEntry current = ctx.current();
        for (int i = 0; i < window.size(); i++) {
            HistoryEntry out = window.get(i);
            if (out.getCredit() || !SmugglingFeatures.transfer(out) || out.getCounterparty() == null
                    || !FlowFeatures.personLike(out) || out.getAmountEur() < minAmount) {
                continue;
            }
            for (int j = i + 1; j < window.size() && window.get(j).getTime() - out.getTime() <= maxGap; j++) {
                HistoryEntry back = window.get(j);
                if (closed.contains(back.getTxId()) || !FlowFeatures.personLike(back) || !irregularCredit(back, recurring)
                        || out.getCounterparty().equals(back.getCounterparty())
                        || Math.abs(back.getAmountEur() - out.getAmountEur()) > maxDifference * out.getAmountEur()) {
                    continue;
                }
                closed.add(back.getTxId());
                roundTrips++;
                roundTripEur += out.getAmountEur();
                currentReturn |= back.getTxId().equals(current.getTxId());
                hits.add(out);
                hits.add(back);
                break;
            }
        }
        roundTripEvidence = FeatureContext.evidence(hits);
    }

    /**
     * Gatherings: irregular transfer credits from at least the minimum number of different private persons within
     * the allowed hours, adding up to at least the minimum total. A gathering starts at its first credit and takes
     * every eligible credit within the hours; the next one starts after it.
     */
    private void gathering() {
        if (done.already(3)) {
            return;
        }
        double recurring = ctx.params().num("HT-FLOW-15.recurring_days");
        int minPayers = ctx.params().count("HT-FLOW-15.min_payers");
        double minTotal = ctx.params().num("HT-FLOW-15.min_total_eur");
        long maxGap = ctx.params().hoursMillis("HT-FLOW-15.max_hours");
        List<HistoryEntry> credits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-15.window_days")) {
            if (e.getCounterparty() != null && FlowFeatures.personLike(e) && irregularCredit(e, recurring)) {
                credits.add(e);
            }
        }
        HistoryEntry current = ctx.current();
        List<HistoryEntry> hits = new ArrayList<>();
        int i = 0;
        while (i < credits.size()) {
            long start = credits.get(i).getTime();
            int j = i;
            Set<String> payers = new TreeSet<>();
            double total = 0;
            while (j < credits.size() && credits.get(j).getTime() - start <= maxGap) {
                payers.add(credits.get(j).getCounterparty());
                total += credits.get(j).getAmountEur();
                j++;
            }
            if (payers.size() >= minPayers && total >= minTotal) {
                gatherings++;
                gatheredEur += total;
                gatheringPayers = Math.max(gatheringPayers, payers.size());
                List<HistoryEntry> group = credits.subList(i, j);
                currentGathered |= group.stream().anyMatch(e -> e.getTxId().equals(current.getTxId()));
                hits.addAll(group);
                i = j;
            } else {
                i++;
            }
        }
        gatheringEvidence = FeatureContext.evidence(hits);
    }

    /** The screened transaction is a transfer out of an account that is not a business's. */
    public boolean isCurrentTransferDebit() { return currentTransferDebit; }
    /** Distinct senders of irregular transfer credits in the HT-FLOW-12 window. */
    public int getFanInSenders() { fan(); return fanInSenders; }
    /** Distinct receivers of transfers out in the window. */
    public int getFanOutReceivers() { fan(); return fanOutReceivers; }
    public double getFanInEur() { fan(); return fanInEur; }
    public double getFanOutEur() { fan(); return fanOutEur; }
    /** Transfers out / irregular transfers in (at most 1). */
    public double getFanOutRatio() { fan(); return fanOutRatio; }
    public List<String> getFanEvidence() { fan(); return fanEvidence; }
    /** Large irregular credits passed on by transfer within the allowed hours. */
    public int getPassThroughs() { passThrough(); return passThroughs; }
    public double getPassedEur() { passThrough(); return passedEur; }
    public List<String> getPassEvidence() { passThrough(); return passEvidence; }
    /** Large sums paid out that came back nearly whole from another private person within the allowed days. */
    public int getRoundTrips() { roundTrip(); return roundTrips; }
    /** What left in those round trips. */
    public double getRoundTripEur() { roundTrip(); return roundTripEur; }
    /** The screened transaction is a private customer's transfer credit that closes a round trip. */
    public boolean isCurrentReturn() {
        if (!currentTransferCredit) {
            return false;   // also when the group was computed for another getter: the answer does not depend on order
        }
        roundTrip();
        return currentReturn;
    }
    public List<String> getRoundTripEvidence() { roundTrip(); return roundTripEvidence; }
    /** Separate gatherings (several private payers, a large total, within hours) in the HT-FLOW-15 window. */
    public int getGatherings() { gathering(); return gatherings; }
    public double getGatheredEur() { gathering(); return gatheredEur; }
    /** The most payers in one gathering. */
    public int getGatheringPayers() { gathering(); return gatheringPayers; }
    /** The screened transaction is a private customer's transfer credit inside a gathering. */
    public boolean isCurrentGathered() {
        if (currentTransferCredit) {
            gathering();
        }
        return currentGathered;
    }
    public List<String> getGatheringEvidence() { gathering(); return gatheringEvidence; }
}
