package org.htscreen.core.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.htscreen.avro.HistoryEntry;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.core.history.EntryFlag;
import org.htscreen.core.reference.ReferenceData;
import org.kie.api.definition.type.ClassReactive;

/**
 * Features of the LAB family: travel and permit costs paid for several people (HT-LAB-01) and missing or
 * below-norm wages of a worker on an employment-type permit (HT-LAB-03). Each window is the owning rule's
 * parameter; each group is computed on first access to one of its getters.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class LabourFeatures {

    /** NACE Rev. 2 division 79: travel agencies, tour operators and reservation services. */
    static final String TRAVEL_AGENCY_NACE_DIVISION = "79";
    private static final long DAY = 86_400_000L;
    private static final Set<String> NAME_TITLES = Set.of("mr", "mrs", "ms", "miss", "mstr", "dr", "chd", "inf");

    private boolean travelAgency;

    private boolean currentTicket;
    private int ticketFamilies;
    private int ticketCount;
    private List<String> ticketEvidence = List.of();

    private boolean currentMigrationFee;
    private int migrationFees;
    private List<String> migrationFeeEvidence = List.of();

    private boolean employmentPermit;
    private boolean currentNewMonth;
    private long historyDays;
    private long daysWithoutSalary = -1;
    private List<String> noSalaryEvidence = List.of();

    private boolean currentSalary;
    private double salaryInPeriod;
    private List<String> salaryEvidence = List.of();

    private final FeatureContext ctx;
    private final LazyGroups done = new LazyGroups();
    /** Index of the screened transaction in the whole history; -1 when not an employment permit or not found. */
    private int currentIndex = -1;

    /**
     * Computes only what is cheap (the holder's kind and the flags about the screened transaction itself); each
     * window group is computed on first access, so rules whose other conditions fail never pay for it.
     */
    public LabourFeatures(FeatureContext ctx) {
        this.ctx = ctx;
        CustomerProfile p = ctx.profile();
        String sector = p.getSector();
        travelAgency = p.isBusiness() && sector != null && sector.trim().startsWith(TRAVEL_AGENCY_NACE_DIVISION);
        HistoryEntry c = ctx.current();
        currentTicket = ticket(ctx, c);
        currentMigrationFee = !c.getCredit() && FeatureContext.flag(c, EntryFlag.MIGRATION_AUTHORITY);
        employmentPermit = p.isPerson()
                && (p.getPermit() == ResidencePermit.WORK || p.getPermit() == ResidencePermit.DOMESTIC_WORKER);
        if (employmentPermit) {
            List<HistoryEntry> all = ctx.all();
            int idx = all.lastIndexOf(c);
            if (idx >= 0) {
                currentIndex = idx;
                historyDays = (ctx.now() - all.get(0).getTime()) / DAY;
                // the account's first transaction in a new local calendar month runs the monthly wage check
                currentNewMonth = idx > 0 && month(all.get(idx - 1).getLocalDay()) != month(c.getLocalDay());
                currentSalary = salary(c);
            }
        }
    }

    /** An airline purchase that names a passenger. */
    static boolean ticket(FeatureContext ctx, HistoryEntry e) {
        return !e.getCredit() && e.getRefundOf() == null && e.getPassenger() != null && !e.getPassenger().isBlank()
                && ctx.mcc(e, "airline");
    }

    /**
     * The family name of a passenger, so that one family's tickets count once: the part before "/" in the
     * card-scheme form {@code SURNAME/GIVEN MR}, otherwise the last word, ignoring titles, case and accents.
     */
    static String familyName(String passenger) {
        String n = ReferenceData.fold(passenger).trim();
        int slash = n.indexOf('/');
        if (slash > 0) {
            return n.substring(0, slash).trim();
        }
        String[] words = n.split("[\\s,.]+");
        for (int i = words.length - 1; i >= 0; i--) {
            if (!words[i].isEmpty() && !NAME_TITLES.contains(words[i].toLowerCase(Locale.ROOT))) {
                return words[i];
            }
        }
        return n;
    }

    private void tickets() {
        if (done.already(0)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (HistoryEntry e : ctx.windowDays("HT-LAB-01.ticket_window_days")) {
            if (ticket(ctx, e)) {
                hits.add(e);
                families.add(familyName(e.getPassenger()));
            }
        }
        ticketFamilies = families.size();
        ticketCount = hits.size();
        ticketEvidence = FeatureContext.evidence(hits);
    }

    private void migrationFees() {
        if (done.already(1)) {
            return;
        }
        List<HistoryEntry> hits = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-LAB-01.fee_window_days")) {
            if (!e.getCredit() && FeatureContext.flag(e, EntryFlag.MIGRATION_AUTHORITY)) {
                hits.add(e);
            }
        }
        migrationFees = hits.size();
        migrationFeeEvidence = FeatureContext.evidence(hits);
    }

    private static boolean salary(HistoryEntry e) {
        return e.getCredit() && FeatureContext.flag(e, EntryFlag.SALARY);
    }

    /** Days without salary up to the screened transaction (employment-permit holders only). */
    private void noSalary() {
        if (done.already(2)) {
            return;
        }
        int idx = currentIndex;
        if (idx < 0) {
            return;
        }
        List<HistoryEntry> all = ctx.all();
        long now = ctx.now();
        int lastSalary = -1;
        for (int i = idx; i >= 0; i--) {
            if (salary(all.get(i))) {
                lastSalary = i;
                break;
            }
        }
        long since = lastSalary < 0 ? all.get(0).getTime() : all.get(lastSalary).getTime();
        daysWithoutSalary = (now - since) / DAY;
        List<HistoryEntry> evidence = new ArrayList<>();
        for (int i = Math.max(lastSalary, 0); i <= idx; i++) {
            if (all.get(i).getCredit() || i == idx) {
                evidence.add(all.get(i));
            }
        }
        noSalaryEvidence = FeatureContext.evidence(evidence);
    }

    /** Salary credits in the pay period (employment-permit holders only). */
    private void salaryPeriod() {
        if (done.already(3)) {
            return;
        }
        if (currentIndex < 0) {
            return;
        }
        List<HistoryEntry> pay = new ArrayList<>();
        for (HistoryEntry e : ctx.windowDays("HT-LAB-03.pay_period_days")) {
            if (salary(e)) {
                pay.add(e);
            }
        }
        salaryInPeriod = FeatureContext.sum(pay);
        salaryEvidence = FeatureContext.evidence(pay);
    }

    private static long month(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return d.getYear() * 12L + d.getMonthValue();
    }

    /** The holder is a business in the travel-agency sector (NACE 79), whose job it is to buy tickets. */
    public boolean isTravelAgency() { return travelAgency; }
    /** The screened transaction is an airline purchase naming a passenger. */
    public boolean isCurrentTicket() { return currentTicket; }
    /** Distinct passenger family names on airline purchases in the ticket window. */
    public int getTicketFamilies() { tickets(); return ticketFamilies; }
    /** Airline purchases naming a passenger in the ticket window. */
    public int getTicketCount() { tickets(); return ticketCount; }
    public List<String> getTicketEvidence() { tickets(); return ticketEvidence; }
    /** The screened transaction is a payment to a migration or permit authority. */
    public boolean isCurrentMigrationFee() { return currentMigrationFee; }
    /** Payments to migration or permit authorities in the fee window. */
    public int getMigrationFees() { migrationFees(); return migrationFees; }
    public List<String> getMigrationFeeEvidence() { migrationFees(); return migrationFeeEvidence; }
    /** The holder is a person on a WORK or DOMESTIC_WORKER permit. */
    public boolean isEmploymentPermit() { return employmentPermit; }
    /** The screened transaction is the account's first in a new local calendar month. */
    public boolean isCurrentNewMonth() { return currentNewMonth; }
    /** Days of retained history before the screened transaction (employment-permit holders only). */
    public long getHistoryDays() { return historyDays; }
    /** Days since the last salary credit, or since the history starts when there is none; -1 when not computed. */
    public long getDaysWithoutSalary() { noSalary(); return daysWithoutSalary; }
    /** The last salary credit (if any) and the credits received after it, up to the screened transaction. */
    public List<String> getNoSalaryEvidence() { noSalary(); return noSalaryEvidence; }
    /** The screened transaction is a salary credit. */
    public boolean isCurrentSalary() { return currentSalary; }
    /** Salary credits in the pay period ending with the screened transaction, EUR. */
    public double getSalaryInPeriod() { salaryPeriod(); return salaryInPeriod; }
    public List<String> getSalaryEvidence() { salaryPeriod(); return salaryEvidence; }
}
