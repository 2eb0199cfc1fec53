package org.htscreen.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.SettledRole;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;

/**
 * The role hint is settled per account (ADR 0016, amendment): once an alert's vote gave a role, a later alert whose
 * own vote gives none keeps it and says so; the other side changes it only when it outweighs both the settled side
 * among the current signals and the evidence the role was settled on.
 */
class AccountRoleTest {

    private static final Typology CRIM = Typology.FORCED_CRIMINALITY;
    private static final long SETTLED_AT = Instant.parse("2026-03-04T10:00:00Z").toEpochMilli();

    private final AccountRole roles = new AccountRole(RuleHarness.catalogue());

    private static List<Signal> signals(String... ruleIds) {
        return Arrays.stream(ruleIds).map(r -> Signal.newBuilder().setRuleId(r).setFamily("X").setTitle(r)
                .setReason("r").setEventTime(Instant.EPOCH).setWeight(0).build()).toList();
    }

    /** Settled as suspected controller by HT-CRIM-03 (weight 1) at a forced-criminality alert. */
    private static SettledRole controller() {
        return SettledRole.newBuilder().setRole(RoleHint.SUSPECTED_CONTROLLER).setTypology(CRIM).setTime(SETTLED_AT)
                .setBasis("HT-CRIM-03").setWeight(1.0).build();
    }

    @Test
    void without_a_settled_role_the_vote_decides_and_a_role_settles_it() {
        AccountRole.Verdict v = roles.verdict(signals("HT-CRIM-03", "HT-NET-05"), null);
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, v.role());
        assertTrue(v.reason().startsWith("controller-side indicators HT-CRIM-03 (weight 1) against victim-side none "
                + "(weight 0), over all the account's active signals"), v.reason());
        SettledRole s = v.settlement(CRIM, SETTLED_AT);
        assertEquals(controller(), s);

        AccountRole.Verdict none = roles.verdict(signals("HT-NET-05", "HT-KYC-01"), null);
        assertEquals(RoleHint.UNKNOWN, none.role());
        assertNull(none.settlement(CRIM, SETTLED_AT), "UNKNOWN settles nothing");
    }

    @Test
    void an_alert_without_role_side_indicators_keeps_the_settled_role_and_says_so() {
        SettledRole settled = controller();
        AccountRole.Verdict v = roles.verdict(signals("HT-NET-05", "HT-KYC-01", "HT-CASH-01"), settled);
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, v.role());
        assertEquals("suspected controller, settled at the forced criminality alert of 2026-03-04T10:00:00Z on "
                + "controller-side HT-CRIM-03 (weight 1); no role-side indicator among the current signals", v.reason());
        assertSame(settled, v.settlement(Typology.SEXUAL_EXPLOITATION, SETTLED_AT + 1), "the settlement stays as it was");
    }

    @Test
    void balanced_current_signals_keep_the_settled_role() {
        AccountRole.Verdict v = roles.verdict(signals("HT-CRIM-03", "HT-CRIM-02"), controller());
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, v.role());
        assertTrue(v.reason().endsWith("; the current signals are balanced: controller-side indicators HT-CRIM-03 "
                + "(weight 1) against victim-side HT-CRIM-02 (weight 1)"), v.reason());
    }

    @Test
    void a_vote_that_agrees_names_the_settlement_and_leaves_it() {
        SettledRole settled = controller();
        AccountRole.Verdict v = roles.verdict(signals("HT-SPEND-01", "HT-NET-03"), settled);
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, v.role());
        assertTrue(v.reason().startsWith("controller-side indicators HT-SPEND-01, HT-NET-03 (weight 1.20)"), v.reason());
        assertTrue(v.reason().endsWith("; agrees with the role settled at the forced criminality alert of "
                + "2026-03-04T10:00:00Z"), v.reason());
        assertSame(settled, v.settlement(Typology.SEXUAL_EXPLOITATION, SETTLED_AT + 1));
    }

    @Test
    void the_other_side_changes_the_role_only_when_it_outweighs_the_settled_evidence() {
        // threshold: HT-CRIM-02 alone (victim 1.0) equals the settled evidence (controller 1.0): no change
        AccountRole.Verdict equal = roles.verdict(signals("HT-CRIM-02"), controller());
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, equal.role());
        assertTrue(equal.reason().contains("; the victim-side indicators among the current signals, HT-CRIM-02 "
                + "(weight 1) against controller-side none (weight 0), do not outweigh that evidence"), equal.reason());
        // a weaker one (HT-KYC-05, 0.6) does not change it either
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, roles.verdict(signals("HT-KYC-05"), controller()).role());
        // HT-KYC-05 + HT-CRIM-02 (1.6) outweigh it: the role changes, and the reason says from what and why
        AccountRole.Verdict changed = roles.verdict(signals("HT-KYC-05", "HT-CRIM-02", "HT-NET-05"), controller());
        assertEquals(RoleHint.POSSIBLE_VICTIM, changed.role());
        assertEquals("possible victim, changed from suspected controller (settled at the forced criminality alert of "
                + "2026-03-04T10:00:00Z on controller-side HT-CRIM-03, weight 1): victim-side indicators HT-KYC-05, "
                + "HT-CRIM-02 (weight 1.60) outweigh the controller-side ones among the current signals, none "
                + "(weight 0), and the evidence the role was settled on", changed.reason());
        SettledRole next = changed.settlement(Typology.SEXUAL_EXPLOITATION, SETTLED_AT + 5);
        assertEquals(SettledRole.newBuilder().setRole(RoleHint.POSSIBLE_VICTIM).setTypology(Typology.SEXUAL_EXPLOITATION)
                .setTime(SETTLED_AT + 5).setBasis("HT-KYC-05, HT-CRIM-02").setWeight(1.6).build(), next);
    }

    @Test
    void a_controller_alerted_again_on_signals_of_either_side_stays_a_suspected_controller() {
        String a = "CY-ACC-BOSS";
        RuleHarness h = controllerThenNightCash(a, null);
        List<Alert> alerts = h.alerts();
        assertEquals(List.of(Typology.FORCED_CRIMINALITY, Typology.SEXUAL_EXPLOITATION),
                alerts.stream().map(Alert::getTypology).toList());
        Alert first = alerts.get(0);
        Alert second = alerts.get(1);
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, first.getRoleHint());
        assertTrue(second.getSignals().stream().noneMatch(s -> s.getRuleId().equals("HT-CRIM-03")),
                "the controller-side signal has left the window");
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, second.getRoleHint(), second.getRoleReason());
        assertEquals("suspected controller, settled at the forced criminality alert of " + first.getEventTime()
                + " on controller-side HT-CRIM-03 (weight 1); no role-side indicator among the current signals",
                second.getRoleReason());
        assertTrue(second.getSummary().contains("(suspected controller)"), second.getSummary());
        SettledRole kept = h.stateOf(a).getSettledRole();
        assertNotNull(kept);
        assertEquals(Typology.FORCED_CRIMINALITY, kept.getTypology());
        assertEquals(first.getEventTime().toEpochMilli(), kept.getTime());
    }

    @Test
    void a_suppressed_alert_shows_the_role_and_settles_nothing() {
        String a = "CY-ACC-BOSS";
        // an exemption of the account in force while the controller-side signal is active (days 0-10)
        Exemptions exemptions = Exemptions.parse("""
                version: ex-1
                exemptions:
                  - id: EX-1
                    account: CY-ACC-BOSS
                    reason: reviewed
                    approver: analyst
                    approved_at: 2026-01-01T00:00:00Z
                    expires_at: 2026-03-12T00:00:00Z
                """, "ex.yaml", RuleHarness.catalogue());
        RuleHarness h = controllerThenNightCash(a, exemptions);
        List<Alert> suppressed = h.suppressions().stream().map(s -> s.suppressed()).toList();
        assertEquals(List.of(Typology.FORCED_CRIMINALITY), suppressed.stream().map(Alert::getTypology).toList());
        assertEquals(RoleHint.SUSPECTED_CONTROLLER, suppressed.get(0).getRoleHint());
        List<Alert> alerts = h.alerts();
        assertEquals(List.of(Typology.SEXUAL_EXPLOITATION), alerts.stream().map(Alert::getTypology).toList());
        assertEquals(RoleHint.UNKNOWN, alerts.get(0).getRoleHint(), "no analyst was told of the suppressed alert");
        assertNull(h.stateOf(a).getSettledRole());
    }

    /**
     * Days 0-3: other accounts pay the holder from his own device (HT-CRIM-03, controller side); from day 40, when
     * that signal has left the window: night cash at ATMs in two towns (HT-CASH-01/02, either side).
     */
    private static RuleHarness controllerThenNightCash(String a, Exemptions exemptions) {
        RuleHarness h = RuleHarness.with(Map.of("engine.min_families", 1))
                .profile(Profiles.person("P-BOSS", a, 1000).setDeviceIds(List.of("DEV-BOSS")).build());
        if (exemptions != null) {
            h.exemptions(exemptions);
        }
        int payers = RuleHarness.count("HT-CRIM-03.min_accounts");
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < payers; i++) {
            txs.add(Tx.internal("CY-ACC-MULE-" + i, a, 900).device("DEV-BOSS").day(i, 0));
        }
        int nightHour = RuleHarness.count("HT-CASH-02.night_start_hour") + 1;
        String[] towns = {"Limassol", "Larnaca"};
        for (int i = 0; i < 12; i++) {
            txs.add(Tx.cashDeposit(a, 200).at(Tx.T0.plusSeconds(86_400L * (40 + i / 2) + 3600L * (nightHour - 10)
                    + 600L * (i % 2))).terminal("ATM-" + i, towns[i % 2]).holder("P-BOSS"));
        }
        return h.run(txs.toArray(Tx[]::new));
    }
}
