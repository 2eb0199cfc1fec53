package org.htscreen.core.exemptions;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an exemption-set update changes against the set in force: ids added, removed and changed, and the accounts
 * it exempts anew (an exemption added or changed). Like {@link org.htscreen.core.rules.RuleChange} for rules, it
 * spots an update that could blind screening: exempting many accounts at once needs one signature more in the job
 * (ADR 0017). Revoking exemptions never blinds.
 *
 * @param added       ids in the new set only
 * @param removed     ids in the old set only
 * @param changed     ids in both whose terms differ (account, rule, typology, reason, approver or period)
 * @param accounts    accounts with an exemption added or changed
 * @param accountWide of those accounts, how many have an account-wide one (every alert) added or changed
 */
public record ExemptionChange(Set<String> added, Set<String> removed, Set<String> changed, Set<String> accounts,
        int accountWide) {

    /** Default number of accounts an update may exempt anew before it needs one signature more in the job. */
    public static final int DEFAULT_MAX_ACCOUNTS = 50;

    /** Compares the set in force with a candidate. */
    public static ExemptionChange between(Exemptions before, Exemptions after) {
        Map<String, Exemption> old = new HashMap<>();
        before.all().forEach(e -> old.put(e.id(), e));
        Set<String> added = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        Set<String> accounts = new TreeSet<>();
        Set<String> wide = new TreeSet<>();
        for (Exemption e : after.all()) {
            Exemption o = old.remove(e.id());
            if (o != null && sameTerms(o, e)) {
                continue;
            }
            (o == null ? added : changed).add(e.id());
            accounts.add(e.accountId());
            if (e.accountWide()) {
                wide.add(e.accountId());
            }
        }
        return new ExemptionChange(added, new TreeSet<>(old.keySet()), changed, accounts, wide.size());
    }

    static boolean sameTerms(Exemption a, Exemption b) {
        return a.accountId().equals(b.accountId()) && Objects.equals(a.ruleId(), b.ruleId()) && a.typology() == b.typology()
                && a.reason().equals(b.reason()) && a.approver().equals(b.approver())
                && a.approvedAt().equals(b.approvedAt()) && a.expiresAt().equals(b.expiresAt());
    }

    /** In words: {@code added A, B; removed none; changed C; 2 accounts exempted anew (1 from every alert)}. */
    public String summary() {
        return "added " + words(added) + "; removed " + words(removed) + "; changed " + words(changed) + "; "
                + accounts.size() + " accounts exempted anew (" + accountWide + " from every alert)";
    }

    private static String words(Set<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    /**
     * Why this update could blind screening, if it could: it exempts more than {@code maxAccounts} accounts at once.
     *
     * @throws IllegalArgumentException when {@code maxAccounts} is negative
     */
    public Optional<String> blinding(int maxAccounts) {
        if (maxAccounts < 0) {
            throw new IllegalArgumentException("the most accounts an update may exempt must be >= 0, not " + maxAccounts);
        }
        if (accounts.size() > maxAccounts) {
            return Optional.of(String.format(Locale.ROOT, "it exempts %d accounts at once (%d of them from every alert; "
                    + "more than %d)", accounts.size(), accountWide, maxAccounts));
        }
        return Optional.empty();
    }
}
