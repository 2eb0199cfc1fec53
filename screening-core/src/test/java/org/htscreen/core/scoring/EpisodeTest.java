package org.htscreen.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.core.testkit.RuleHarness;
import org.junit.jupiter.api.Test;

/** One alert per account and episode: the leading typology, the others listed, the role settled on all signals. */
class EpisodeTest {

    private final Catalogue catalogue = RuleHarness.catalogue();

    private static Signal signal(String ruleId, double weight) {
        return Signal.newBuilder().setRuleId(ruleId).setFamily(ruleId.substring(3, ruleId.lastIndexOf('-')))
                .setTitle(ruleId).setReason("r").setEventTime(Instant.EPOCH).setWeight(weight).build();
    }

    private TypologyScore score(TypologyCode t, String... rules) {
        List<Signal> contributing = java.util.Arrays.stream(rules)
                .map(r -> signal(r, catalogue.rule(r).orElseThrow().weight(t))).toList();
        double sum = contributing.stream().mapToDouble(Signal::getWeight).sum();
        return new TypologyScore(t, sum, 1.0, contributing, EnumSet.of(Family.KYC, Family.NET), false);
    }

    @Test
    void the_typology_with_the_most_weight_from_its_own_rules_leads() {
        // a mule: the new-account and device signals weigh in SEX and CRIM alike; the mule pattern is CRIM's own
        TypologyScore sex = score(TypologyCode.SEX, "HT-KYC-05", "HT-NET-05", "HT-FLOW-01");
        TypologyScore crim = score(TypologyCode.CRIM, "HT-KYC-05", "HT-NET-05", "HT-CRIM-02");
        assertTrue(sex.score() > 1 && crim.score() > 1);
        assertEquals(TypologyCode.CRIM, Episode.leading(List.of(sex, crim), catalogue).typology());
        // without the mule pattern the fan-in from unrelated senders (a SEX rule) leads
        TypologyScore crimWithout = score(TypologyCode.CRIM, "HT-KYC-05", "HT-NET-05");
        assertEquals(TypologyCode.SEX, Episode.leading(List.of(sex, crimWithout), catalogue).typology());
    }

    @Test
    void a_rule_counts_as_specific_for_every_typology_it_weighs_most_in() {
        assertTrue(Episode.primary(catalogue.rule("HT-NET-05").orElseThrow(), TypologyCode.SEX), "a tie");
        assertTrue(Episode.primary(catalogue.rule("HT-NET-05").orElseThrow(), TypologyCode.CRIM), "a tie");
        assertTrue(!Episode.primary(catalogue.rule("HT-KYC-05").orElseThrow(), TypologyCode.SEX));
    }

    @Test
    void the_alert_lists_the_other_typologies_and_explains_the_role_from_all_signals() {
        TypologyScore crim = score(TypologyCode.CRIM, "HT-KYC-05", "HT-NET-05", "HT-CRIM-02");
        List<Signal> all = List.of(signal("HT-KYC-05", 0), signal("HT-NET-05", 0), signal("HT-CRIM-02", 0),
                signal("HT-CRIM-03", 0));
        Alert a = new AlertFactory(catalogue).build("ACC-1", "P-1", crim, List.of(Typology.SEXUAL_EXPLOITATION), all,
                "tx-1", 0, 1000, "rs", "ps", 1000);
        assertEquals(Typology.FORCED_CRIMINALITY, a.getTypology());
        assertEquals(List.of(Typology.SEXUAL_EXPLOITATION), a.getOtherTypologies());
        // victim side: HT-KYC-05 (0.6) + HT-CRIM-02 (1.0) = 1.6 against controller side HT-CRIM-03 (1.0)
        assertEquals(RoleHint.POSSIBLE_VICTIM, a.getRoleHint());
        assertTrue(a.getRoleReason().contains("controller-side indicators HT-CRIM-03 (weight 1)"), a.getRoleReason());
        assertTrue(a.getRoleReason().contains("victim-side HT-KYC-05, HT-CRIM-02 (weight 1.60)"), a.getRoleReason());
        assertTrue(a.getSummary().endsWith("Also passing on these signals: sexual exploitation."), a.getSummary());
    }
}
