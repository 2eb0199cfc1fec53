package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.RuleCopies;
import org.junit.jupiter.api.Test;

/**
 * The blinding guard ({@link RuleChange}) and shadow rules: putting a live rule in shadow switches it off as far as
 * screening goes; a shadow rule going live is switched on; adding a shadow rule switches nothing on.
 */
class ShadowRuleChangeTest {

    private static final Catalogue BUNDLED = RuleSet.bundled().catalogue();

    private static RuleChange change(Catalogue from, Catalogue to) {
        return RuleChange.between(from, Parameters.of(from, ParameterOverrides.none()), to,
                Parameters.of(to, ParameterOverrides.none()));
    }

    private static Catalogue catalogue(java.util.Map<String, String> files) {
        return RuleSet.fromFiles("test", files).catalogue();
    }

    @Test
    void live_to_shadow_is_a_switch_off_and_shadow_to_live_a_switch_on() {
        Catalogue shadow = catalogue(RuleCopies.withMode("HT-CASH-01", "shadow"));
        RuleChange off = change(BUNDLED, shadow);
        assertEquals(Set.of("HT-CASH-01"), off.disabled());
        assertEquals(Set.of("HT-CASH-01"), off.shadowed());
        assertTrue(off.enabled().isEmpty());
        assertTrue(off.summary().contains("1 switched off [HT-CASH-01]"), off.summary());
        assertTrue(off.summary().contains("put in shadow (switched off): [HT-CASH-01]"), off.summary());

        RuleChange on = change(shadow, BUNDLED);
        assertEquals(Set.of("HT-CASH-01"), on.enabled());
        assertTrue(on.disabled().isEmpty() && on.blinding(0.0).isEmpty(), "going live is never a switch-off");
    }

    @Test
    void adding_a_shadow_rule_switches_nothing_on_or_off() {
        RuleChange c = change(BUNDLED, RuleCopies.ruleSet("HT-CASH-01", "HT-CASH-98", "shadow").catalogue());
        assertEquals(Set.of("HT-CASH-98"), c.added());
        assertTrue(c.enabled().isEmpty() && c.disabled().isEmpty() && c.blinding(0.0).isEmpty(), c.summary());
    }

    @Test
    void putting_every_rule_of_a_typology_in_shadow_blinds_it() {
        String[] smug = BUNDLED.rules().values().stream().filter(d -> d.weight(TypologyCode.SMUG) > 0)
                .map(d -> d.id()).toArray(String[]::new);
        Catalogue shadow = catalogue(RuleCopies.withMode(HostileRules.bundledFiles(), "shadow", smug));
        RuleChange c = change(BUNDLED, shadow);
        assertEquals(Set.of(TypologyCode.SMUG), c.blinded());
        assertTrue(c.blinding(1.0).orElseThrow().contains("switches off every rule of [SMUG]"));
        assertTrue(change(shadow, BUNDLED).blinding(0.0).isEmpty(), "and putting them back live does not");
    }
}
