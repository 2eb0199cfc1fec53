package org.htscreen.core.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.htscreen.avro.Channel;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.history.HistoryEntries;
import org.htscreen.core.history.HistoryList;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.reference.ReferenceData;

/**
 * What the feature calculators see when one transaction is screened: the account's history (time-ordered),
 * the transaction being screened, the parameters, reference data, the holder's profile and network links.
 * "Now" is the event time of the screened transaction, so windows never look at later transactions.
 */
public final class FeatureContext {

    /** At most this many evidence transaction ids are attached to one signal. */
    public static final int MAX_EVIDENCE = 25;
    private java.util.Map<String, Long> firstCredit;

    private final List<HistoryEntry> history;
    private final HistoryEntry current;
    private final Parameters params;
    private final ReferenceData ref;
    private final CustomerProfile profile;
    private final List<IdentifierLink> links;
    private final int nowIndex;
    /** Window starts asked and their indices ({@link #startAfter}). */
    private static final int STARTS_KEPT = 4;
    private final long[] startTimes = new long[STARTS_KEPT];
    private final int[] startIndices = new int[STARTS_KEPT];
    private int starts;
    private int nextStart;
    private int idElsewhere = -1;

    public FeatureContext(List<HistoryEntry> history, HistoryEntry current, Parameters params, ReferenceData ref,
            CustomerProfile profile, List<IdentifierLink> links) {
        this.history = history;
        this.current = current;
        this.params = params;
        this.ref = ref;
        this.profile = profile;
        this.links = links == null ? List.of() : links;
        this.nowIndex = endOfNow(history, current.getTime());
    }

    /** Index after the last entry up to now: the history's size when its last entry is not later (the usual case). */
    private int endOfNow(List<HistoryEntry> history, long now) {
        int n = history.size();
        return n == 0 || history.get(n - 1).getTime() <= now ? n : upperBound(now);
    }

    public HistoryEntry current() {
        return current;
    }

    /** Event time of the screened transaction, epoch milliseconds. */
    public long now() {
        return current.getTime();
    }

    public Parameters params() {
        return params;
    }

    public ReferenceData ref() {
        return ref;
    }

    public CustomerProfile profile() {
        return profile;
    }

    public List<IdentifierLink> links() {
        return links;
    }

    /** Entries with {@code now - millis < time <= now}, oldest first (a view: do not modify). */
    public List<HistoryEntry> window(long millis) {
        return between(now() - millis, now());
    }

    /** Entries inside the window whose length in days is the given parameter, e.g. {@code HT-CASH-01.window_days}. */
    public List<HistoryEntry> windowDays(String parameterKey) {
        return window(params.daysMillis(parameterKey));
    }

    /** Entries with {@code fromExclusive < time <= toInclusive}, oldest first. */
    public List<HistoryEntry> between(long fromExclusive, long toInclusive) {
        int to = toInclusive >= now() ? nowIndex : upperBound(toInclusive);
        int from = startAfter(fromExclusive);
        return from >= to ? Collections.emptyList() : history.subList(from, to);
    }

    /**
     * {@link #upperBound} for a window's start, remembered for the last few starts asked: the feature groups of one
     * screened transaction share window lengths (30, 90 days), and each binary search reads entries scattered on
     * the heap.
     */
    private int startAfter(long fromExclusive) {
        for (int i = 0; i < starts; i++) {
            if (startTimes[i] == fromExclusive) {
                return startIndices[i];
            }
        }
        int index = upperBound(fromExclusive);
        int slot = starts < STARTS_KEPT ? starts++ : nextStart++ % STARTS_KEPT;
        startTimes[slot] = fromExclusive;
        startIndices[slot] = index;
        return index;
    }

    /**
     * Whether a credit comes from a payer who also paid this account at least {@code minGapDays} days earlier (in
     * the retained history): the same payer again month after month, as tenants pay a landlord, rather than a one-off
     * payment. Answers from an index of each payer's first credit, built on first use.
     */
    public boolean recurringPayer(HistoryEntry e, double minGapDays) {
        if (e.getCounterparty() == null) {
            return false;
        }
        if (firstCredit == null) {
            firstCredit = new java.util.HashMap<>();
            for (HistoryEntry h : all()) {
                if (h.getCredit() && h.getCounterparty() != null) {
                    firstCredit.putIfAbsent(h.getCounterparty(), h.getTime());
                }
            }
        }
        Long first = firstCredit.get(e.getCounterparty());
        return first != null && e.getTime() - first >= (long) (minGapDays * 86_400_000d);
    }

    /**
     * Whether a credit is money from home: a private person in the country of the holder's nationality paying a
     * foreign national who lives here (family supporting a student, a relative's gift). It is consistent with the
     * profile, so inflow and cross-border-purpose indicators leave it out.
     */
    public boolean fromFamilyAtHome(HistoryEntry e) {
        return fromFamilyAtHome(profile, e);
    }

    /** {@link #fromFamilyAtHome(HistoryEntry)} for a given profile. */
    static boolean fromFamilyAtHome(CustomerProfile profile, HistoryEntry e) {
        String nat = profile.getNationality();
        return e.getCredit() && nat != null && nat.equals(e.getCountry()) && !nat.equals(profile.getResidenceCountry())
                && (e.getCounterpartyType() == null || e.getCounterpartyType() == org.htscreen.avro.PartyType.PERSON);
    }

    /** Every entry up to now (the whole retained history), oldest first. */
    public List<HistoryEntry> all() {
        return history.subList(0, nowIndex);
    }

    /**
     * Whether an entry up to now other than the screened one carries the screened transaction's id (the same
     * transaction sent again with another event time). Rare, but some features match entries by id; answered in O(1)
     * from the history's id index when the history is a {@link HistoryList} and no other entry carries the id (the
     * usual case), else by a scan, once per screened transaction.
     */
    public boolean currentIdElsewhere() {
        if (idElsewhere < 0) {
            idElsewhere = 0;
            if (noOtherCarrier()) {
                return false;
            }
            String id = current.getTxId();
            int hash = id.hashCode();
            for (int i = 0; i < nowIndex; i++) {
                HistoryEntry e = history.get(i);
                if (e != current && e.getTxId().hashCode() == hash && e.getTxId().equals(id)) {
                    idElsewhere = 1;
                    break;
                }
            }
        }
        return idElsewhere == 1;
    }

    /**
     * Whether the history's id index ({@link HistoryList#idCarriers}) vouches that no entry other than the screened one
     * carries its id: no entry at all, or one and the screened entry is in the history. False means "look".
     */
    private boolean noOtherCarrier() {
        if (!(history instanceof HistoryList list)) {
            return false;
        }
        int carriers = list.idCarriers(current.getTxId(), 2);
        return carriers == 0 || carriers == 1 && holdsCurrent();
    }

    /** Whether the screened entry itself is in the history (among the entries at its time up to now). */
    private boolean holdsCurrent() {
        for (int i = nowIndex - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (e == current) {
                return true;
            }
            if (e.getTime() != current.getTime()) {
                return false;
            }
        }
        return false;
    }

    /** Whether an entry carries the screened transaction's id (the screened entry itself, or a re-sent copy). */
    public boolean hasCurrentId(HistoryEntry e) {
        return e.getTxId().equals(current.getTxId());
    }

    /**
     * Whether an entry of the list other than the screened one carries the screened transaction's id; answers
     * from {@link #currentIdElsewhere()} without a scan in the usual case that no entry does.
     */
    public boolean currentIdElsewhereIn(List<HistoryEntry> entries) {
        if (!currentIdElsewhere()) {
            return false;
        }
        for (HistoryEntry e : entries) {
            if (e != current && hasCurrentId(e)) {
                return true;
            }
        }
        return false;
    }

    /** The history as given (with the entries after now, if any). */
    List<HistoryEntry> history() {
        return history;
    }

    /** Index after the last entry up to now. */
    int nowIndex() {
        return nowIndex;
    }

    /** Index of the first entry whose time is after the given time (the history's size when none is). */
    int indexAfter(long time) {
        return upperBound(time);
    }

    private int upperBound(long time) {
        int lo = 0;
        int hi = history.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (history.get(mid).getTime() <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- small predicates shared by the feature calculators ----

    /** Cash paid into the account (branch or ATM deposit). */
    public static boolean cashIn(HistoryEntry e) {
        return e.getCredit() && (e.getChannel() == Channel.CASH_BRANCH || e.getChannel() == Channel.ATM_DEPOSIT);
    }

    /** Cash taken out of the account (branch or ATM withdrawal). */
    public static boolean cashOut(HistoryEntry e) {
        return !e.getCredit() && HistoryEntries.isCash(e.getChannel());
    }

    /** Whether the entry's MCC is in a reference MCC group. */
    public boolean mcc(HistoryEntry e, String group) {
        return ref.inMccGroup(e.getMcc(), group);
    }

    /** Whether the entry carries a flag. */
    public static boolean flag(HistoryEntry e, EntryFlag f) {
        return f.in(e.getFlags());
    }

    /** Local hour of the day, 0–23. */
    public static int localHour(HistoryEntry e) {
        return e.getLocalMinute() / 60;
    }

    /** Ids of the last {@link #MAX_EVIDENCE} entries, oldest first. */
    public static List<String> evidence(List<HistoryEntry> entries) {
        List<String> ids = new ArrayList<>(Math.min(entries.size(), MAX_EVIDENCE));
        for (int i = Math.max(0, entries.size() - MAX_EVIDENCE); i < entries.size(); i++) {
            ids.add(entries.get(i).getTxId());
        }
        return ids;
    }

    /** Sum of EUR amounts. */
    public static double sum(List<HistoryEntry> entries) {
        double s = 0;
        for (HistoryEntry e : entries) {
            s += e.getAmountEur();
        }
        return s;
    }

    /** Median EUR amount, 0 for no entries. */
    public static double median(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        double[] a = new double[entries.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = entries.get(i).getAmountEur();
        }
        java.util.Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
