package org.htscreen.core.exemptions;

import java.time.Duration;
import java.time.Instant;
import org.htscreen.core.catalogue.TypologyCode;

/**
 * One approved exemption: the alerts of an account that a reviewed, benign pattern would raise are not raised
 * from its approval until its expiry (event time of the transactions, half-open {@code [approvedAt, expiresAt)}).
 * It covers the alerts of one rule, of one typology, or (neither given) every alert of the account. The signals
 * are still recorded; ADR 0017.
 *
 * @param id         the exemption's id, unique in its file; named by every suppression it causes
 * @param accountId  the exempted account
 * @param ruleId     the rule whose signals no longer count for this account, or null
 * @param typology   the typology that no longer alerts for this account, or null
 * @param reason     why the pattern is benign (the reviewer's words)
 * @param approver   who approved it
 * @param approvedAt from when it applies
 * @param expiresAt  when it stops applying by itself (at most {@link #MAX_LENGTH} after approval)
 * @param line       line of the file where it starts (0 when built in code)
 */
public record Exemption(String id, String accountId, String ruleId, TypologyCode typology, String reason,
        String approver, Instant approvedAt, Instant expiresAt, int line) {

    /** The longest an exemption may last: a benign pattern is reviewed again at least once a year. */
    public static final Duration MAX_LENGTH = Duration.ofDays(366);

    /** Whether it applies to a transaction at this event time (epoch ms): approved, and not yet expired. */
    public boolean appliesAt(long eventTime) {
        return approvedAt.toEpochMilli() <= eventTime && eventTime < expiresAt.toEpochMilli();
    }

    /** Whether it had expired at this event time (epoch ms). */
    public boolean expiredAt(long eventTime) {
        return eventTime >= expiresAt.toEpochMilli();
    }

    /** Whether it covers every alert of the account. */
    public boolean accountWide() {
        return ruleId == null && typology == null;
    }

    /** What it covers, in words: {@code all alerts}, {@code rule HT-CASH-01}, {@code typology SEXUAL_EXPLOITATION}. */
    public String scope() {
        return ruleId != null ? "rule " + ruleId : typology != null ? "typology " + typology.typology().name() : "all alerts";
    }
}
