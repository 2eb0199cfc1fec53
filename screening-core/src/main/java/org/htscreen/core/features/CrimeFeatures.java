package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.EntryFlag;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the CRIM family: state benefits passed on at once to the same beneficiary, period after period
 * (HT-CRIM-01), and the money-mule pattern on a new account (HT-CRIM-02). Each window is the owning rule's
 * parameter; each group is computed on first access to one of its getters.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class CrimeFeatures {

    private boolean currentBenefitForward;
    private int forwardedPeriods;
    private String benefitBeneficiary;
    private List<String> benefitEvidence = List.of();
    private int sharedIdentifierParties;
    private String sharedIdentifierKind;

    private boolean newAccount;
    private boolean currentMuleOut;
    private int muleSenders;
    private double muleInbound;
    private double muleOutShare;
    private List<String> muleEvidence = List.of();
    private int ownDeviceSources;
    private List<String> ownDeviceEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();

    /**
     * Computes only what is cheap (whether the account is new); each group is computed on first access, so rules
     * whose other conditions fail never pay for it.
     */
    public CrimeFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        long age = ctx.profile().getDaysSinceOnboarding();
        newAccount = ctx.profile().isPerson() && age >= 0 && age <= ctx.params().num("HT-CRIM-02.max_account_age_days");
    }

    // ---- HT-CRIM-01 ----

    /**
     * For each benefit credit in the window, the beneficiaries who received at least {@code min_share} of it
     * within {@code max_hours}; the beneficiary who did so for the most benefit periods wins. Payments for the
     * ordinary costs of a life (rent, utilities) and transfers to the holder's own accounts do not count.
     */
    private void benefits() {
        if (done.already(0)) {
            return;
        }
        List<HistoryEntry> window = ctx.windowDays("HT-CRIM-01.window_days");
        long maxGap = ctx.params().hoursMillis("HT-CRIM-01.max_hours");
        Set<String> own = ownAccounts(ctx);
        HistoryEntry c = ctx.current();
        // every result below needs the screened transaction among some benefit's passed-on debits
        if (!passedOn(c, own) || !benefitWithin(window, c, maxGap)) {
            return;
        }
        double minShare = ctx.params().num("HT-CRIM-01.min_share");
        Map<String, List<HistoryEntry>> periods = new LinkedHashMap<>();
        Map<String, Set<HistoryEntry>> currentIn = new HashMap<>();
        for (int i = 0; i < window.size(); i++) {
            HistoryEntry in = window.get(i);
            if (!in.getCredit() || !FeatureContext.flag(in, EntryFlag.BENEFIT)) {
                continue;
            }
            Map<String, Double> paid = new HashMap<>();
            Map<String, List<HistoryEntry>> outs = new HashMap<>();
            for (int j = i + 1; j < window.size(); j++) {
                HistoryEntry out = window.get(j);
                if (out.getTime() - in.getTime() > maxGap) {
                    break;
                }
                if (passedOn(out, own)) {
                    paid.merge(out.getCounterparty(), out.getAmountEur(), Double::sum);
                    outs.computeIfAbsent(out.getCounterparty(), k -> new ArrayList<>()).add(out);
                }
            }
            for (Map.Entry<String, Double> p : paid.entrySet()) {
                if (p.getValue() >= minShare * in.getAmountEur()) {
                    List<HistoryEntry> ev = periods.computeIfAbsent(p.getKey(), k -> new ArrayList<>());
                    ev.add(in);
                    ev.addAll(outs.get(p.getKey()));
                    if (outs.get(p.getKey()).contains(c)) {
                        currentIn.computeIfAbsent(p.getKey(), k -> new HashSet<>()).add(in);
                    }
                }
            }
        }
        for (Map.Entry<String, List<HistoryEntry>> p : periods.entrySet()) {
            int n = benefitsIn(p.getValue());
            if (currentIn.containsKey(p.getKey()) && n > forwardedPeriods) {
                forwardedPeriods = n;
                benefitBeneficiary = p.getKey();
                benefitEvidence = FeatureContext.evidence(p.getValue());
                currentBenefitForward = true;
            }
        }
    }

    /**
     * Whether the time-ordered window holds a benefit credit at most {@code maxGap} before the screened
     * transaction: only such a credit can have it among its passed-on debits.
     */
    private static boolean benefitWithin(List<HistoryEntry> window, HistoryEntry c, long maxGap) {
        for (int i = window.size() - 1; i >= 0; i--) {
            HistoryEntry in = window.get(i);
            if (c.getTime() - in.getTime() > maxGap) {
                return false;
            }
            if (in.getCredit() && FeatureContext.flag(in, EntryFlag.BENEFIT)) {
                return true;
            }
        }
        return false;
    }

    /** Benefit periods: distinct local days on which a forwarded benefit arrived. */
    private static int benefitsIn(List<HistoryEntry> entries) {
        Set<Integer> days = new HashSet<>();
        for (HistoryEntry e : entries) {
            if (e.getCredit()) {
                days.add(e.getLocalDay());
            }
        }
        return days.size();
    }

    private static boolean passedOn(HistoryEntry e, Set<String> own) {
        return !e.getCredit() && e.getCounterparty() != null && !own.contains(e.getCounterparty())
                && !FeatureContext.flag(e, EntryFlag.LIVING_COST) && !FeatureContext.flag(e, EntryFlag.RENT_TEXT);
    }

    private static Set<String> ownAccounts(FeatureContext ctx) {
        CustomerProfile p = ctx.profile();
        return p.isKnown() ? new HashSet<>(p.raw().getAccountIds()) : Set.of();
    }

    /** The largest group of parties sharing one of the holder's identifiers (address, phone, e-mail, device). */
    private void links() {
        if (done.already(1)) {
            return;
        }
        for (IdentifierLink l : ctx.links()) {
            if (l.getTime() <= ctx.now() && l.getPartyCount() > sharedIdentifierParties) {
                sharedIdentifierParties = l.getPartyCount();
                sharedIdentifierKind = l.getKind();
            }
        }
    }

    // ---- HT-CRIM-02 ----

    /**
     * Within {@code window_hours} before the screened debit: credits from distinct senders (not pay, not
     * benefits), then debits after the first of them to anyone but those senders, as a share of the credits.
     */
    private void mule() {
        if (done.already(2)) {
            return;
        }
        HistoryEntry c = ctx.current();
        if (!newAccount || c.getCredit()) {
            return;
        }
        List<HistoryEntry> window = ctx.window(ctx.params().hoursMillis("HT-CRIM-02.window_hours"));
        Set<String> senders = new HashSet<>();
        List<HistoryEntry> ins = new ArrayList<>();
        List<HistoryEntry> outs = new ArrayList<>();
        for (HistoryEntry e : window) {
            if (e.getCredit()) {
                String from = e.getCounterparty() != null ? e.getCounterparty() : e.getConductor();
                if (from != null && !FeatureContext.flag(e, EntryFlag.SALARY) && !FeatureContext.flag(e, EntryFlag.BENEFIT)
                        && !ctx.fromFamilyAtHome(e)) {
                    senders.add(from);
                    ins.add(e);
                }
            } else if (!ins.isEmpty() && (e.getCounterparty() == null || !senders.contains(e.getCounterparty()))) {
                outs.add(e);
            }
        }
        currentMuleOut = outs.contains(c);
        muleSenders = senders.size();
        muleInbound = FeatureContext.sum(ins);
        muleOutShare = muleInbound == 0 ? 0 : Math.min(1.0, FeatureContext.sum(outs) / muleInbound);
        List<HistoryEntry> ev = new ArrayList<>(ins);
        ev.addAll(outs);
        ev.sort(AccountHistory.ORDER);
        muleEvidence = FeatureContext.evidence(ev);
    }

    /**
     * HT-CRIM-03: credits from other accounts that were ordered from one of the holder's own registered devices:
     * the holder moves money out of other people's accounts into his own. Counts the distinct source accounts.
     */
    private void ownDevice() {
        if (done.already(3)) {
            return;
        }
        CustomerProfile p = ctx.profile();
        if (!p.isKnown() || p.raw().getDeviceIds().isEmpty()) {
            return;
        }
        Set<String> devices = new HashSet<>(p.raw().getDeviceIds());
        Set<String> sources = new HashSet<>();
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-CRIM-03.window_days")) {
            if (e.getCredit() && e.getDeviceId() != null && devices.contains(e.getDeviceId()) && e.getCounterparty() != null) {
                sources.add(e.getCounterparty());
                hits.add(e);
            }
        }
        ownDeviceSources = sources.size();
        ownDeviceEvidence = FeatureContext.evidence(hits);
    }

    /** The screened transaction is a credit ordered from one of the holder's own devices. */
    public boolean isCurrentOwnDeviceCredit() {
        HistoryEntry c = ctx.current();
        CustomerProfile p = ctx.profile();
        return c.getCredit() && c.getDeviceId() != null && p.isKnown() && p.raw().getDeviceIds().contains(c.getDeviceId());
    }
    /** Distinct accounts that paid the holder from the holder's own devices in the HT-CRIM-03 window. */
    public int getOwnDeviceSources() { ownDevice(); return ownDeviceSources; }
    public List<String> getOwnDeviceEvidence() { ownDevice(); return ownDeviceEvidence; }

    /** The screened debit passes on a benefit to the beneficiary who took the most benefit periods. */
    public boolean isCurrentBenefitForward() { benefits(); return currentBenefitForward; }
    /** Benefit periods in the window whose money went on to that beneficiary within the time limit. */
    public int getForwardedPeriods() { benefits(); return forwardedPeriods; }
    /** The beneficiary the benefits were passed on to. */
    public String getBenefitBeneficiary() { benefits(); return benefitBeneficiary; }
    public List<String> getBenefitEvidence() { benefits(); return benefitEvidence; }
    /** Parties sharing one identifier with the holder (0 when no network finding). */
    public int getSharedIdentifierParties() { links(); return sharedIdentifierParties; }
    /** Kind of that identifier: ADDRESS, PHONE, EMAIL or DEVICE. */
    public String getSharedIdentifierKind() { links(); return sharedIdentifierKind; }
    /** The holder is a person whose customer relationship is at most {@code max_account_age_days} old. */
    public boolean isNewAccount() { return newAccount; }
    /** The screened transaction is a debit passing on money that came in from several senders. */
    public boolean isCurrentMuleOut() { mule(); return currentMuleOut; }
    /** Distinct senders of the credits in the mule window. */
    public int getMuleSenders() { mule(); return muleSenders; }
    /** Total of those credits, EUR. */
    public double getMuleInbound() { mule(); return muleInbound; }
    /** Share of those credits that left again after the first of them. */
    public double getMuleOutShare() { mule(); return muleOutShare; }
    public List<String> getMuleEvidence() { mule(); return muleEvidence; }
}
