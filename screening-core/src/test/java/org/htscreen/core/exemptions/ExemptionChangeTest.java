package org.htscreen.core.exemptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.htscreen.core.catalogue.TypologyCode;
import org.junit.jupiter.api.Test;

/**
 * What an exemption-set update changes, and when it could blind screening: exempting many accounts at once needs one
 * signature more in the job, like switching off many rules (ADR 0017, ADR 0012).
 */
class ExemptionChangeTest {

    static final Instant APPROVED = Instant.parse("2026-11-03T09:00:00Z");
    static final Instant EXPIRES = Instant.parse("2027-02-01T00:00:00Z");

    static Exemption wide(String id, String account) {
        return new Exemption(id, account, null, null, "reviewed", "m.georgiou", APPROVED, EXPIRES, 0);
    }

    static Exemption rule(String id, String account, String rule) {
        return new Exemption(id, account, rule, null, "reviewed", "m.georgiou", APPROVED, EXPIRES, 0);
    }

    /** {@code n} account-wide exemptions of accounts A-0 ... A-(n-1). */
    static List<Exemption> accounts(int n) {
        List<Exemption> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(wide("EX-" + i, "A-" + i));
        }
        return out;
    }

    @Test
    void added_removed_and_changed_ids_and_the_accounts_they_exempt_anew() {
        Exemptions before = new Exemptions("v1", List.of(wide("EX-1", "A-1"), rule("EX-2", "A-2", "HT-CASH-01"),
                wide("EX-3", "A-3")));
        Exemptions after = new Exemptions("v2", List.of(wide("EX-1", "A-1"), wide("EX-2", "A-2"),
                new Exemption("EX-4", "A-4", null, TypologyCode.LAB, "r", "a", APPROVED, EXPIRES, 0)));
        ExemptionChange c = ExemptionChange.between(before, after);
        assertEquals(Set.of("EX-4"), c.added());
        assertEquals(Set.of("EX-3"), c.removed());
        assertEquals(Set.of("EX-2"), c.changed(), "a rule exemption widened to every alert of the account");
        assertEquals(Set.of("A-2", "A-4"), c.accounts(), "accounts with an exemption added or changed");
        assertEquals(1, c.accountWide(), "A-2 now has every alert exempted");
        assertEquals(Optional.empty(), c.blinding(1_000));
    }

    @Test
    void exempting_more_accounts_at_once_than_the_limit_could_blind_screening() {
        ExemptionChange c = ExemptionChange.between(Exemptions.none(), new Exemptions("big", accounts(51)));
        assertEquals(51, c.accounts().size());
        assertEquals(Optional.of("it exempts 51 accounts at once (51 of them from every alert; more than 50)"),
                c.blinding(50));
    }

    @Test
    void exactly_the_limit_and_several_exemptions_of_one_account_are_not_blinding() {
        assertEquals(Optional.empty(), ExemptionChange.between(Exemptions.none(), new Exemptions("edge", accounts(50)))
                .blinding(50), "the limit itself is allowed");
        List<Exemption> oneAccount = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            oneAccount.add(rule("EX-" + i, "A-1", "HT-CASH-0" + (1 + i % 9)));
        }
        ExemptionChange c = ExemptionChange.between(Exemptions.none(), new Exemptions("one", oneAccount));
        assertEquals(1, c.accounts().size());
        assertEquals(Optional.empty(), c.blinding(50), "200 exemptions of one account exempt one account");
    }

    @Test
    void revoking_or_keeping_exemptions_is_never_blinding() {
        Exemptions big = new Exemptions("big", accounts(500));
        assertEquals(Optional.empty(), ExemptionChange.between(big, Exemptions.none()).blinding(50), "revoking all");
        assertEquals(Optional.empty(), ExemptionChange.between(big, new Exemptions("same", accounts(500))).blinding(50),
                "the same exemptions under a new version");
        ExemptionChange grown = ExemptionChange.between(big, new Exemptions("more", accounts(551)));
        assertEquals(51, grown.added().size());
        assertEquals(51, grown.accounts().size());
        assertTrue(grown.blinding(50).isPresent(), "51 accounts more");
    }

    @Test
    void a_negative_limit_is_refused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExemptionChange.between(Exemptions.none(), Exemptions.none()).blinding(-1));
    }
}
