package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.core.history.EntryFlag;

/**
 * Laundering shapes seen on transfers alone (HT-FLOW-12, HT-FLOW-13), for data without cash or cards such as
 * AMLSim's: fan-in then fan-out (many senders, then many receivers, most of the money gone again) and pass-through
 * (large credits passed on by transfer within hours). Salaries, benefits, rent and payers who paid before are
 * ordinary income and are not counted. Window groups are computed on first access.
 */
public final class TransferShapeFeatures {

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    private final boolean currentTransferDebit;

    private int fanInSenders;
    private int fanOutReceivers;
    private double fanInEur;
    private double fanOutEur;
    private double fanOutRatio;
    private List<String> fanEvidence = List.of();

    private int passThroughs;
    private double passedEur;
    private List<String> passEvidence = List.of();

    public TransferShapeFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentTransferDebit = !c.getCredit() && SmugglingFeatures.transfer(c) && !ctx.profile().isBusiness();
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
}
