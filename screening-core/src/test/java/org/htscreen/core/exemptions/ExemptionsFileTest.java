package org.htscreen.core.exemptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exemptions file is read strictly: every problem is refused with {@code file:line: why}. */
class ExemptionsFileTest {

    static Catalogue catalogue;

    @BeforeAll
    static void catalogue() {
        catalogue = RuleSet.bundled().catalogue();
    }

    static final String HEAD = "version: ex-1\nexemptions:\n";
    static final String ONE = """
              - id: EX-1
                account: CY17-0001
                reason: kiosk takings, documented
                approver: m.georgiou
                approved_at: 2026-11-03T09:00:00Z
                expires_at: 2027-02-01T00:00:00Z
            """;

    static String refused(String yaml) {
        return assertThrows(InvalidExemptionsException.class, () -> Exemptions.parse(yaml, "ex.yaml", catalogue)).getMessage();
    }

    @Test
    void the_documented_example_file_is_valid() {
        Exemptions e = Exemptions.read(Path.of("..", "docs", "examples", "exemptions.yaml"), catalogue);
        assertTrue(e.all().size() >= 3, "the example shows an account-wide, a rule and a typology exemption");
        assertTrue(e.all().stream().anyMatch(Exemption::accountWide));
        assertTrue(e.all().stream().anyMatch(x -> x.ruleId() != null));
        assertTrue(e.all().stream().anyMatch(x -> x.typology() != null));
    }

    @Test
    void a_valid_file_gives_every_field_and_its_line() {
        Exemptions e = Exemptions.parse(HEAD + ONE + ONE.replace("EX-1", "EX-2").replace("    reason", "    typology: sexual_exploitation\n    reason")
                + ONE.replace("EX-1", "EX-3").replace("    reason", "    rule: HT-CASH-01\n    reason").replace("2027-02-01T00:00:00Z", "2027-02-01"),
                "ex.yaml", catalogue);
        assertEquals("ex-1", e.version());
        Exemption one = e.all().get(0);
        assertEquals("CY17-0001", one.accountId());
        assertTrue(one.accountWide());
        assertNull(one.ruleId());
        assertEquals(Instant.parse("2026-11-03T09:00:00Z"), one.approvedAt());
        assertEquals(3, one.line());
        assertEquals(TypologyCode.SEX, e.all().get(1).typology());
        assertEquals("HT-CASH-01", e.all().get(2).ruleId());
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), e.all().get(2).expiresAt(), "a date is its start, UTC");
        assertEquals(3, e.forAccount("CY17-0001").size());
    }

    @Test
    void an_unknown_field_is_refused_with_its_line() {
        String m = refused(HEAD + ONE.replace("    reason:", "    owner: x\n    reason:"));
        assertEquals("ex.yaml:5: unknown field 'owner'", m.substring(0, m.indexOf(" (known")));
    }

    @Test
    void an_unknown_rule_id_is_refused_with_its_line() {
        assertEquals("ex.yaml:5: exemption EX-1: unknown rule id 'HT-CASH-99'",
                refused(HEAD + ONE.replace("    reason:", "    rule: HT-CASH-99\n    reason:")));
    }

    @Test
    void an_unknown_typology_is_refused_with_its_line() {
        assertTrue(refused(HEAD + ONE.replace("    reason:", "    typology: FRAUD\n    reason:"))
                .startsWith("ex.yaml:5: exemption EX-1: unknown typology 'FRAUD' (known: SEXUAL_EXPLOITATION,"));
    }

    @Test
    void a_rule_and_a_typology_together_are_refused() {
        assertEquals("ex.yaml:6: exemption EX-1: give a rule or a typology, not both",
                refused(HEAD + ONE.replace("    reason:", "    rule: HT-CASH-01\n    typology: SEX\n    reason:")));
    }

    @Test
    void expiry_before_or_at_approval_is_refused() {
        assertEquals("ex.yaml:8: exemption EX-1: expires_at 2026-11-03T09:00:00Z is not after approved_at 2026-11-03T09:00:00Z",
                refused(HEAD + ONE.replace("2027-02-01T00:00:00Z", "2026-11-03T09:00:00Z")));
        assertTrue(refused(HEAD + ONE.replace("2027-02-01T00:00:00Z", "2026-01-01T00:00:00Z")).startsWith("ex.yaml:8:"));
    }

    @Test
    void an_exemption_longer_than_a_year_is_refused_and_one_of_exactly_the_maximum_is_not() {
        assertTrue(refused(HEAD + ONE.replace("2027-02-01T00:00:00Z", "2027-11-04T09:00:00.001Z"))
                .startsWith("ex.yaml:8: exemption EX-1: expires_at 2027-11-04T09:00:00.001Z is more than 366 days"));
        Exemptions ok = Exemptions.parse(HEAD + ONE.replace("2027-02-01T00:00:00Z", "2027-11-04T09:00:00Z"), "ex.yaml", catalogue);
        assertEquals(Instant.parse("2027-11-04T09:00:00Z"), ok.all().get(0).expiresAt());
    }

    @Test
    void a_missing_expiry_is_refused_no_exemption_is_open_ended() {
        assertEquals("ex.yaml:3: exemption EX-1 has no 'expires_at' (no exemption is open-ended)",
                refused(HEAD + ONE.replace("    expires_at: 2027-02-01T00:00:00Z\n", "")));
    }

    @Test
    void a_missing_account_reason_or_approver_is_refused() {
        assertEquals("ex.yaml:3: exemption EX-1 has no 'account'", refused(HEAD + ONE.replace("    account: CY17-0001\n", "")));
        assertEquals("ex.yaml:3: exemption EX-1 has no 'approver'", refused(HEAD + ONE.replace("    approver: m.georgiou\n", "")));
        assertEquals("ex.yaml:3: exemption EX-1 has no 'reason'", refused(HEAD + ONE.replace("kiosk takings, documented", "''")));
    }

    @Test
    void an_account_that_looks_like_a_wildcard_is_refused_with_its_line() {
        for (String account : new String[] {"\"*\"", "CY17-*", "CY17-000?", "\"%\""}) {
            String msg = refused(HEAD + ONE.replace("CY17-0001", account));
            assertTrue(msg.startsWith("ex.yaml:4: exemption EX-1: account '"), msg);
            assertTrue(msg.contains("names one account; there are no wildcards"), msg);
        }
    }

    @Test
    void a_duplicate_id_is_refused_naming_both_lines() {
        assertEquals("ex.yaml:9: duplicate id 'EX-1' (first at line 3)", refused(HEAD + ONE + ONE));
    }

    @Test
    void a_bad_time_is_refused_with_its_line() {
        assertTrue(refused(HEAD + ONE.replace("2026-11-03T09:00:00Z", "next monday"))
                .startsWith("ex.yaml:7: exemption EX-1: 'next monday' is not a time"));
    }

    @Test
    void a_file_without_version_or_list_is_refused() {
        assertTrue(refused("exemptions:\n" + ONE).contains("missing 'version:'"));
        assertTrue(refused("version: x\n").contains("missing 'exemptions:'"));
        assertTrue(refused("version: x\nexemptions:\n  id: EX-1\n").startsWith("ex.yaml:3: unexpected 'exemptions'"));
        assertTrue(refused("version: x\nexemptions:\n  - [1, 2]\n").startsWith("ex.yaml:3: each exemption is a map"));
        assertTrue(refused("- 1\n").startsWith("ex.yaml:1:"));
    }

    @Test
    void an_empty_list_revokes_every_exemption() {
        assertTrue(Exemptions.parse("version: x\nexemptions: []\n", "ex.yaml", catalogue).isEmpty());
    }

    @Test
    void changes_between_sets_are_named_for_the_audit() {
        Exemptions a = Exemptions.parse(HEAD + ONE + ONE.replace("EX-1", "EX-2"), "a", catalogue);
        Exemptions b = Exemptions.parse(HEAD.replace("ex-1", "ex-2") + ONE.replace("kiosk", "shop")
                + ONE.replace("EX-1", "EX-3"), "b", catalogue);
        assertEquals("exemptions ex-1 -> ex-2: 2 in force; added EX-3; removed EX-2; changed EX-1", b.changesFrom(a));
    }
}
