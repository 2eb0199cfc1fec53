package org.htscreen.core.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.core.history.AccountHistory;
import org.htscreen.core.history.EntryFlag;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the FLOW family (HT-FLOW-01, 03..11): fan-in from unrelated senders, escort text in references,
 * repeated payments to many people, a single funder, pooled and cycled wages, agency fees, wages sent to
 * HT-conduit countries, small repeated remittances and vague cross-border purposes. Each window is the owning
 * rule's {@code window_days}; "now" is the screened transaction's event time.
 *
 * <p>Only the cheap flags about the screened transaction are computed up front; each window group is computed on
 * first access to one of its getters. Flags that depend on the history ({@code currentFanIn},
 * {@code currentWorkerPayment}, {@code currentFromFunder}, {@code currentCompletesCycle}) answer false at once when
 * the screened transaction cannot qualify, and otherwise compute their group.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class FlowFeatures {

    /** Country list of HT-conduit countries (victim-source and transit), rules/reference/countries.yaml. */
    public static final String CONDUIT_LIST = "ht_conduit";
    /** Country list of victim-source countries for Cyprus. */
    public static final String VICTIM_SOURCE_LIST = "victim_source";
    /** Country list of migrant-source countries. */
    public static final String MIGRANT_SOURCE_LIST = "migrant_source";

    /** Country of residence assumed when the profile gives none: the market the reference lists are built for. */
    private static final String HOME_COUNTRY = "CY";

    /** Key under which cash withdrawals are grouped as one "counterparty" in wage cycling. */
    private static final String CASH_KEY = "\u0000cash";

    // HT-FLOW-01
    private boolean currentFanIn;
    private int fanInSenders;
    private double fanInMedian;
    private List<String> fanInEvidence = List.of();

    // HT-FLOW-03
    private boolean currentEscortText;
    private boolean currentAlias;
    private int escortTextCount;
    private int aliasCount;
    private List<String> escortEvidence = List.of();

    // HT-FLOW-04
    private boolean currentWorkerPayment;
    private int repeatedBeneficiaries;
    private int payrollDebits;
    private List<String> workerEvidence = List.of();

    // HT-FLOW-05
    private boolean currentFromFunder;
    private double funderShare;
    private int funderInflows;
    private int selfLoads;
    private List<String> funderEvidence = List.of();

    // HT-FLOW-06
    private boolean currentSalary;
    private int salaryEmployers;
    private int sameRunSalaries;
    private List<String> salaryEvidence = List.of();

    // HT-FLOW-07
    private boolean currentCompletesCycle;
    private int wageCycles;
    private List<String> cycleEvidence = List.of();

    // HT-FLOW-08
    private boolean currentAgencyPayment;
    private boolean currentAgencyLicensed;
    private boolean migrantPayer;
    private boolean domesticWorker;
    private int agencyPayments;
    private List<String> agencyEvidence = List.of();

    // HT-FLOW-09
    private boolean currentConduitTransfer;
    private int conduitTransfers;
    private double conduitTotal;
    private double salaryInflows;
    private double conduitShareOfSalary;
    private List<String> conduitEvidence = List.of();

    // HT-FLOW-10
    private boolean currentRemitterSend;
    private int remitterSends;
    private int remitterCountries;
    private List<String> remitterEvidence = List.of();

    // HT-FLOW-11
    private boolean currentVagueCrossBorder;
    private double vagueThreshold = Double.NaN;
    private int vagueCrossBorderCount;
    private List<String> vagueEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    /** The holder's own account ids, computed on first use. */
    private Set<String> own;

    /** Computes only the flags about the screened transaction that need no window scan. */
    public FlowFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        HistoryEntry c = ctx.current();
        currentEscortText = transfer(c) && EntryFlag.ESCORT_TEXT.in(c.getFlags());
        currentAlias = transfer(c) && EntryFlag.ALIAS_IN_BRACKETS.in(c.getFlags());
        currentSalary = c.getCredit() && EntryFlag.SALARY.in(c.getFlags());
        ResidencePermit permit = ctx.profile().getPermit();
        migrantPayer = ctx.profile().isPerson() && (permit == ResidencePermit.WORK
                || permit == ResidencePermit.DOMESTIC_WORKER || permit == ResidencePermit.STUDENT
                || permit == ResidencePermit.ASYLUM_SEEKER);
        domesticWorker = ctx.profile().isPerson() && permit == ResidencePermit.DOMESTIC_WORKER;
        currentAgencyPayment = agencyPayment(ctx, c);
        currentAgencyLicensed = EntryFlag.LICENSED_AGENCY.in(c.getFlags());
        currentConduitTransfer = conduitTransfer(ctx, c);
        currentRemitterSend = remitterSend(ctx, c, ctx.params().num("HT-FLOW-10.max_amount_eur"));
        double income = ctx.profile().getDeclaredMonthlyIncome();
        if (!Double.isNaN(income)) {
            double baseline = Math.max(income, ctx.params().num("HT-FLOW-11.income_floor_eur"));
            vagueThreshold = ctx.params().num("HT-FLOW-11.income_multiple") * baseline;
            currentVagueCrossBorder = vagueCrossBorder(ctx, c);
        }
    }

    // ---- shared predicates ----

    /** A transfer of any kind (domestic, SEPA, SWIFT, instant, money remittance). */
    static boolean transfer(HistoryEntry e) {
        return switch (e.getChannel()) {
            case DOMESTIC_TRANSFER, SEPA_TRANSFER, SWIFT_TRANSFER, INSTANT_PAYMENT, MONEY_REMITTANCE -> true;
            default -> false;
        };
    }

    /** The counterparty is, or may be, a private person (businesses, institutions and authorities excluded). */
    static boolean personLike(HistoryEntry e) {
        PartyType t = e.getCounterpartyType();
        return t == null || t == PartyType.PERSON || t == PartyType.UNKNOWN;
    }

    /** A payment to an authority or for the ordinary costs of a life, never a "worker" or a cycled wage. */
    static boolean officialOrLivingCost(HistoryEntry e) {
        int f = e.getFlags();
        return EntryFlag.LIVING_COST.in(f) || EntryFlag.RENT_TEXT.in(f) || EntryFlag.TAX.in(f)
                || EntryFlag.SOCIAL_INSURANCE.in(f) || EntryFlag.MUNICIPALITY.in(f)
                || EntryFlag.MIGRATION_AUTHORITY.in(f);
    }

    private Set<String> own() {
        if (own == null) {
            own = ownAccounts(ctx);
        }
        return own;
    }

    private static Set<String> ownAccounts(FeatureContext ctx) {
        CustomerProfile p = ctx.profile();
        if (!p.isKnown()) {
            return Set.of();
        }
        Set<String> own = new HashSet<>();
        for (CharSequence a : p.raw().getAccountIds()) {
            own.add(a.toString());
        }
        return own;
    }

    /** The country is abroad: known and not the holder's country of residence (Cyprus when unknown). */
    private static boolean abroad(FeatureContext ctx, HistoryEntry e) {
        String c = e.getCountry();
        if (c == null) {
            return false;
        }
        String home = ctx.profile().getResidenceCountry();
        return !(home == null ? HOME_COUNTRY : home).equalsIgnoreCase(c);
    }

    // ---- HT-FLOW-01: fan-in from many unrelated senders ----

    /** An inbound transfer that may come from an unrelated sender (the history-dependent tests aside). */
    private boolean fanInCandidate(HistoryEntry e) {
        String cp = e.getCounterparty();
        return cp != null && e.getCredit() && transfer(e) && personLike(e) && !own().contains(cp)
                && !EntryFlag.SALARY.in(e.getFlags()) && !EntryFlag.BENEFIT.in(e.getFlags());
    }

    private void fanIn() {
        if (done.already(0)) {
            return;
        }
        Set<String> own = own();
        long window = ctx.params().daysMillis("HT-FLOW-01.window_days");
        long lookback = ctx.params().daysMillis("HT-FLOW-01.relationship_days");
        long start = ctx.now() - window;
        Set<String> known = new HashSet<>();
        for (HistoryEntry e : ctx.between(start - lookback, start)) {
            if (e.getCounterparty() != null) {
                known.add(e.getCounterparty());
            }
        }
        Set<String> paidTo = new HashSet<>();
        List<HistoryEntry> candidates = new ArrayList<>();
        for (HistoryEntry e : ctx.window(window)) {
            String cp = e.getCounterparty();
            if (cp == null) {
                continue;
            }
            if (!e.getCredit()) {
                paidTo.add(cp);
            } else if (transfer(e) && personLike(e) && !own.contains(cp) && !known.contains(cp)
                    && !EntryFlag.SALARY.in(e.getFlags()) && !EntryFlag.BENEFIT.in(e.getFlags())) {
                candidates.add(e);
            }
        }
        List<HistoryEntry> unrelated = new ArrayList<>(candidates.size());
        Set<String> senders = new HashSet<>();
        for (HistoryEntry e : candidates) {
            if (!paidTo.contains(e.getCounterparty())) {
                unrelated.add(e);
                senders.add(e.getCounterparty());
            }
        }
        currentFanIn = unrelated.contains(ctx.current());
        fanInSenders = senders.size();
        fanInMedian = FeatureContext.median(unrelated);
        fanInEvidence = FeatureContext.evidence(unrelated);
    }

    // ---- HT-FLOW-03: escort text or aliases in references ----

    private void escortText() {
        if (done.already(1)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        int escort = 0;
        int alias = 0;
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-03.window_days")) {
            if (!transfer(e)) {
                continue;
            }
            boolean t = EntryFlag.ESCORT_TEXT.in(e.getFlags());
            boolean a = EntryFlag.ALIAS_IN_BRACKETS.in(e.getFlags());
            escort += t ? 1 : 0;
            alias += a ? 1 : 0;
            if (t || a) {
                hits.add(e);
            }
        }
        escortTextCount = escort;
        aliasCount = alias;
        escortEvidence = FeatureContext.evidence(hits);
    }

    // ---- HT-FLOW-04: controller pays many workers ----

    /** A transfer to a private person that may be a worker's pay. */
    private boolean workerPayment(HistoryEntry e) {
        String cp = e.getCounterparty();
        return !e.getCredit() && transfer(e) && cp != null && personLike(e) && !own().contains(cp)
                && !officialOrLivingCost(e) && !EntryFlag.SALARY.in(e.getFlags());
    }

    private void workers() {
        if (done.already(2)) {
            return;
        }
        int minEach = ctx.params().count("HT-FLOW-04.min_payments_each");
        Map<String, List<HistoryEntry>> byPayee = new LinkedHashMap<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-04.window_days")) {
            if (workerPayment(e)) {
                byPayee.computeIfAbsent(e.getCounterparty(), k -> new ArrayList<>()).add(e);
            }
        }
        int payroll = 0;
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-04.payroll_window_days")) {
            int f = e.getFlags();
            if (!e.getCredit() && (EntryFlag.SALARY.in(f) || EntryFlag.SOCIAL_INSURANCE.in(f) || EntryFlag.TAX.in(f))) {
                payroll++;
            }
        }
        List<HistoryEntry> paid = new ArrayList<>();
        int repeated = 0;
        for (List<HistoryEntry> payments : byPayee.values()) {
            if (payments.size() >= minEach) {
                repeated++;
                paid.addAll(payments);
            }
        }
        paid.sort(AccountHistory.ORDER);
        HistoryEntry c = ctx.current();
        List<HistoryEntry> currentPayee = c.getCounterparty() == null ? null : byPayee.get(c.getCounterparty());
        currentWorkerPayment = currentPayee != null && currentPayee.size() >= minEach && currentPayee.contains(c);
        repeatedBeneficiaries = repeated;
        payrollDebits = payroll;
        workerEvidence = FeatureContext.evidence(paid);
    }

    // ---- HT-FLOW-05: account funded by one counterparty only ----

    private void singleFunder() {
        if (done.already(3)) {
            return;
        }
        Set<String> own = own();
        double total = 0;
        int self = 0;
        Map<String, Double> sums = new HashMap<>();
        Map<String, List<HistoryEntry>> byFunder = new HashMap<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-05.window_days")) {
            if (!e.getCredit()) {
                continue;
            }
            total += e.getAmountEur();
            String cp = e.getCounterparty();
            boolean ownCash = FeatureContext.cashIn(e) && e.getConductor() == null;
            if (ownCash || (cp != null && own.contains(cp))) {
                self++;
            } else if (cp != null && personLike(e) && !EntryFlag.SALARY.in(e.getFlags())
                    && !EntryFlag.BENEFIT.in(e.getFlags())) {
                sums.merge(cp, e.getAmountEur(), Double::sum);
                byFunder.computeIfAbsent(cp, k -> new ArrayList<>()).add(e);
            }
        }
        String top = null;
        double topSum = 0;
        for (Map.Entry<String, Double> s : sums.entrySet()) {
            if (s.getValue() > topSum) {
                top = s.getKey();
                topSum = s.getValue();
            }
        }
        selfLoads = self;
        if (top == null) {
            return;
        }
        List<HistoryEntry> funded = byFunder.get(top);
        currentFromFunder = ctx.current().getCredit() && top.equals(ctx.current().getCounterparty());
        funderShare = total == 0 ? 0 : topSum / total;
        funderInflows = funded.size();
        funderEvidence = FeatureContext.evidence(funded);
    }

    // ---- HT-FLOW-06: salary credits for several employees or employers ----

    private void pooledWages() {
        if (done.already(4)) {
            return;
        }
        long run = ctx.params().daysMillis("HT-FLOW-06.pay_run_days");
        Map<String, Deque<Long>> runs = new HashMap<>();
        List<HistoryEntry> salaries = new ArrayList<>();
        int maxRun = 0;
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-06.window_days")) {
            if (!e.getCredit() || !EntryFlag.SALARY.in(e.getFlags()) || e.getCounterparty() == null) {
                continue;
            }
            salaries.add(e);
            Deque<Long> times = runs.computeIfAbsent(e.getCounterparty(), k -> new ArrayDeque<>());
            times.addLast(e.getTime());
            while (e.getTime() - times.peekFirst() > run) {
                times.removeFirst();
            }
            maxRun = Math.max(maxRun, times.size());
        }
        salaryEmployers = runs.size();
        sameRunSalaries = maxRun;
        salaryEvidence = FeatureContext.evidence(salaries);
    }

    // ---- HT-FLOW-07: wage cycling ----

    /** A debit that may carry a salary out: not a living cost, a remittance home or a move to an own account. */
    private boolean cycleDebit(HistoryEntry d) {
        return !(d.getCredit() || officialOrLivingCost(d) || sentHome(ctx, d)
                || (d.getCounterparty() != null && own().contains(d.getCounterparty())))
                && (FeatureContext.cashOut(d) || d.getCounterparty() != null);
    }

    /**
     * The debits to one counterparty (or cash) after the i-th entry of the window, a salary, whose sum first reaches
     * the ratio of it within the time limit, the crossing debit last; null when none does.
     */
    private List<HistoryEntry> crossed(List<HistoryEntry> window, int i, long maxGap, double ratio) {
        HistoryEntry salary = window.get(i);
        Map<String, Double> sums = new HashMap<>();
        Map<String, List<HistoryEntry>> groups = new HashMap<>();
        for (int j = i + 1; j < window.size() && window.get(j).getTime() - salary.getTime() <= maxGap; j++) {
            HistoryEntry d = window.get(j);
            if (!cycleDebit(d)) {
                continue;
            }
            String key = FeatureContext.cashOut(d) ? CASH_KEY : d.getCounterparty();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            if (sums.merge(key, d.getAmountEur(), Double::sum) >= ratio * salary.getAmountEur()) {
                return groups.get(key);
            }
        }
        return null;
    }

    /**
     * Whether the screened debit crosses some salary's cycle, when no other entry carries its id: only salaries
     * within the time limit before it can have it as their crossing debit, so only those are followed (the whole
     * window's cycles are counted when this answers true). The same answer as {@link #wageCycling()}'s.
     */
    private boolean completesRecentCycle() {
        long maxGap = ctx.params().hoursMillis("HT-FLOW-07.max_hours");
        double ratio = ctx.params().num("HT-FLOW-07.min_ratio");
        List<HistoryEntry> window = ctx.windowDays("HT-FLOW-07.window_days");
        HistoryEntry current = ctx.current();
        int i = window.size();
        while (i > 0 && current.getTime() - window.get(i - 1).getTime() <= maxGap) {
            i--;
        }
        for (; i < window.size(); i++) {
            HistoryEntry salary = window.get(i);
            if (salary.getCredit() && EntryFlag.SALARY.in(salary.getFlags())) {
                List<HistoryEntry> crossed = crossed(window, i, maxGap, ratio);
                if (crossed != null && crossed.get(crossed.size() - 1) == current) {
                    return true;
                }
            }
        }
        return false;
    }

    private void wageCycling() {
        if (done.already(5)) {
            return;
        }
        long maxGap = ctx.params().hoursMillis("HT-FLOW-07.max_hours");
        double ratio = ctx.params().num("HT-FLOW-07.min_ratio");
        long minGap = ctx.params().daysMillis("HT-FLOW-07.min_period_gap_days");
        List<HistoryEntry> window = ctx.windowDays("HT-FLOW-07.window_days");
        List<HistoryEntry> evidence = new ArrayList<>();
        long lastCounted = Long.MIN_VALUE;
        int cycles = 0;
        boolean completes = false;
        for (int i = 0; i < window.size(); i++) {
            HistoryEntry salary = window.get(i);
            if (!salary.getCredit() || !EntryFlag.SALARY.in(salary.getFlags())) {
                continue;
            }
            List<HistoryEntry> crossed = crossed(window, i, maxGap, ratio);
            if (crossed == null) {
                continue;
            }
            HistoryEntry crossing = crossed.get(crossed.size() - 1);
            if (lastCounted == Long.MIN_VALUE || salary.getTime() - lastCounted >= minGap) {
                cycles++;
                lastCounted = salary.getTime();
            }
            evidence.add(salary);
            evidence.addAll(crossed);
            completes |= ctx.hasCurrentId(crossing);
        }
        currentCompletesCycle = completes;
        wageCycles = cycles;
        cycleEvidence = FeatureContext.evidence(evidence);
    }

    /** Money sent abroad or through a remitter: a remittance home, left to HT-FLOW-09/10 rather than wage cycling. */
    private static boolean sentHome(FeatureContext ctx, HistoryEntry d) {
        return transfer(d) && (d.getChannel() == Channel.MONEY_REMITTANCE || abroad(ctx, d));
    }

    // ---- HT-FLOW-08: recruitment, employment or student agency fees ----

    /** A payment to an employment, recruitment or student-placement agency (not an authority or a school). */
    private static boolean agencyPayment(FeatureContext ctx, HistoryEntry e) {
        if (e.getCredit() || EntryFlag.MIGRATION_AUTHORITY.in(e.getFlags())
                || e.getCounterpartyType() == PartyType.GOVERNMENT || e.getCounterpartyType() == PartyType.MUNICIPALITY) {
            return false;
        }
        return e.getCounterpartyType() == PartyType.EMPLOYMENT_AGENCY || ctx.mcc(e, "employment_agency")
                || EntryFlag.RECRUITMENT_TEXT.in(e.getFlags()) || EntryFlag.LICENSED_AGENCY.in(e.getFlags());
    }

    private void agencyFees() {
        if (done.already(6)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-08.window_days")) {
            if (agencyPayment(ctx, e)) {
                hits.add(e);
            }
        }
        agencyPayments = hits.size();
        agencyEvidence = FeatureContext.evidence(hits);
    }

    // ---- HT-FLOW-09: wages sent to HT-conduit countries ----

    private static boolean conduitTransfer(FeatureContext ctx, HistoryEntry e) {
        return !e.getCredit() && transfer(e) && abroad(ctx, e) && ctx.ref().inCountryList(CONDUIT_LIST, e.getCountry());
    }

    private void conduitWages() {
        if (done.already(7)) {
            return;
        }
        List<HistoryEntry> sent = new ArrayList<>();
        double salary = 0;
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-09.window_days")) {
            if (e.getCredit() && EntryFlag.SALARY.in(e.getFlags())) {
                salary += e.getAmountEur();
            } else if (conduitTransfer(ctx, e)) {
                sent.add(e);
            }
        }
        conduitTransfers = sent.size();
        conduitTotal = FeatureContext.sum(sent);
        salaryInflows = salary;
        conduitShareOfSalary = salary == 0 ? 0 : conduitTotal / salary;
        conduitEvidence = FeatureContext.evidence(sent);
    }

    // ---- HT-FLOW-10: small repeated money-remitter sends to risk destinations ----

    private static boolean remitterSend(FeatureContext ctx, HistoryEntry e, double maxAmount) {
        if (e.getCredit() || e.getAmountEur() >= maxAmount) {
            return false;
        }
        boolean remitter = e.getChannel() == Channel.MONEY_REMITTANCE
                || ctx.mcc(e, "money_transfer") || e.getCounterpartyType() == PartyType.MONEY_REMITTER;
        return remitter && abroad(ctx, e) && (ctx.ref().inCountryList(CONDUIT_LIST, e.getCountry())
                || ctx.ref().inCountryList(MIGRANT_SOURCE_LIST, e.getCountry()));
    }

    private void remitterSends() {
        if (done.already(8)) {
            return;
        }
        double max = ctx.params().num("HT-FLOW-10.max_amount_eur");
        List<HistoryEntry> sends = new ArrayList<>();
        Set<String> countries = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-10.window_days")) {
            if (remitterSend(ctx, e, max)) {
                sends.add(e);
                countries.add(e.getCountry().toUpperCase(Locale.ROOT));
            }
        }
        remitterSends = sends.size();
        remitterCountries = countries.size();
        remitterEvidence = FeatureContext.evidence(sends);
    }

    // ---- HT-FLOW-11: cross-border flows with vague purposes ----

    private void vaguePurposes() {
        if (done.already(9)) {
            return;
        }
        if (Double.isNaN(ctx.profile().getDeclaredMonthlyIncome())) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-FLOW-11.window_days")) {
            if (vagueCrossBorder(ctx, e)) {
                hits.add(e);
            }
        }
        vagueCrossBorderCount = hits.size();
        vagueEvidence = FeatureContext.evidence(hits);
    }

    private static boolean vagueCrossBorder(FeatureContext ctx, HistoryEntry e) {
        return transfer(e) && EntryFlag.VAGUE_PURPOSE.in(e.getFlags()) && abroad(ctx, e)
                && ctx.ref().inCountryList(VICTIM_SOURCE_LIST, e.getCountry()) && !ctx.fromFamilyAtHome(e);
    }

    // ---- getters (Drools reads these) ----

    /** The screened transaction is an inbound transfer from an unrelated sender. */
    public boolean isCurrentFanIn() {
        if (!fanInCandidate(ctx.current())) {
            return false;
        }
        fanIn();
        return currentFanIn;
    }
    /** Distinct senders with no earlier relationship who paid the account in the window. */
    public int getFanInSenders() { fanIn(); return fanInSenders; }
    /** Median EUR amount of those senders' payments. */
    public double getFanInMedian() { fanIn(); return fanInMedian; }
    public List<String> getFanInEvidence() { fanIn(); return fanInEvidence; }

    /** The screened transaction is a transfer with escort-related text. */
    public boolean isCurrentEscortText() { return currentEscortText; }
    /** The screened transaction is a transfer with an alias in brackets. */
    public boolean isCurrentAlias() { return currentAlias; }
    public int getEscortTextCount() { escortText(); return escortTextCount; }
    public int getAliasCount() { escortText(); return aliasCount; }
    public List<String> getEscortEvidence() { escortText(); return escortEvidence; }

    /** The screened transaction is a transfer to a person paid repeatedly in the window. */
    public boolean isCurrentWorkerPayment() {
        if (!workerPayment(ctx.current())) {
            return false;
        }
        workers();
        return currentWorkerPayment;
    }
    /** Distinct personal beneficiaries each paid at least {@code min_payments_each} times. */
    public int getRepeatedBeneficiaries() { workers(); return repeatedBeneficiaries; }
    /** Salary, social-insurance or PAYE debits in the payroll window. */
    public int getPayrollDebits() { workers(); return payrollDebits; }
    public List<String> getWorkerEvidence() { workers(); return workerEvidence; }

    /** The screened transaction is a credit from the account's main private funder. */
    public boolean isCurrentFromFunder() {
        HistoryEntry c = ctx.current();
        // the main funder is a counterparty of credits and never an own account
        if (!c.getCredit() || c.getCounterparty() == null || own().contains(c.getCounterparty())) {
            return false;
        }
        singleFunder();
        return currentFromFunder;
    }
    /** The main funder's share of all credits in the window. */
    public double getFunderShare() { singleFunder(); return funderShare; }
    public int getFunderInflows() { singleFunder(); return funderInflows; }
    /** Credits the holder made: own cash deposits, transfers from own accounts. */
    public int getSelfLoads() { singleFunder(); return selfLoads; }
    public List<String> getFunderEvidence() { singleFunder(); return funderEvidence; }

    /** The screened transaction is a salary credit. */
    public boolean isCurrentSalary() { return currentSalary; }
    /** Distinct payers of salary credits in the window. */
    public int getSalaryEmployers() { pooledWages(); return salaryEmployers; }
    /** Most salary credits from one payer within one pay run. */
    public int getSameRunSalaries() { pooledWages(); return sameRunSalaries; }
    public List<String> getSalaryEvidence() { pooledWages(); return salaryEvidence; }

    /** The screened debit is the one that sent most of a salary to one counterparty or to cash. */
    public boolean isCurrentCompletesCycle() {
        // the crossing debit is matched by transaction id, so another entry with the same id could be it
        if (!cycleDebit(ctx.current()) && (!ctx.currentIdElsewhere()
                || !ctx.currentIdElsewhereIn(ctx.windowDays("HT-FLOW-07.window_days")))) {
            return false;
        }
        if (!done.computed(5) && !ctx.currentIdElsewhere() && !completesRecentCycle()) {
            return false;
        }
        wageCycling();
        return currentCompletesCycle;
    }
    /** Pay periods in the window whose salary was cycled out. */
    public int getWageCycles() { wageCycling(); return wageCycles; }
    public List<String> getCycleEvidence() { wageCycling(); return cycleEvidence; }

    /** The screened transaction is a payment to an employment, recruitment or student agency. */
    public boolean isCurrentAgencyPayment() { return currentAgencyPayment; }
    /** The agency paid is on the licensed-agency payee list. */
    public boolean isCurrentAgencyLicensed() { return currentAgencyLicensed; }
    /** The holder is a person on a work, domestic-worker, student or asylum-seeker permit. */
    public boolean isMigrantPayer() { return migrantPayer; }
    /** The holder is a person on a domestic-worker permit. */
    public boolean isDomesticWorker() { return domesticWorker; }
    public int getAgencyPayments() { agencyFees(); return agencyPayments; }
    public List<String> getAgencyEvidence() { agencyFees(); return agencyEvidence; }

    /** The screened transaction is an outbound transfer to an HT-conduit country. */
    public boolean isCurrentConduitTransfer() { return currentConduitTransfer; }
    public int getConduitTransfers() { conduitWages(); return conduitTransfers; }
    public double getConduitTotal() { conduitWages(); return conduitTotal; }
    public double getSalaryInflows() { conduitWages(); return salaryInflows; }
    /** Transfers to HT-conduit countries as a share of salary credits (0 without salary). */
    public double getConduitShareOfSalary() { conduitWages(); return conduitShareOfSalary; }
    public List<String> getConduitEvidence() { conduitWages(); return conduitEvidence; }

    /** The screened transaction is a small money-remitter send to a risk destination. */
    public boolean isCurrentRemitterSend() { return currentRemitterSend; }
    public int getRemitterSends() { remitterSends(); return remitterSends; }
    /** Distinct risk destination countries of those sends. */
    public int getRemitterCountries() { remitterSends(); return remitterCountries; }
    public List<String> getRemitterEvidence() { remitterSends(); return remitterEvidence; }

    /** The screened transaction is a vague-purpose transfer to or from a victim-source country abroad. */
    public boolean isCurrentVagueCrossBorder() { return currentVagueCrossBorder; }
    /** EUR amount a vague-purpose transfer must exceed (income multiple times the larger of declared income and the floor); NaN when the income is unknown. */
    public double getVagueThreshold() { return vagueThreshold; }
    public int getVagueCrossBorderCount() { vaguePurposes(); return vagueCrossBorderCount; }
    public List<String> getVagueEvidence() { vaguePurposes(); return vagueEvidence; }
}
