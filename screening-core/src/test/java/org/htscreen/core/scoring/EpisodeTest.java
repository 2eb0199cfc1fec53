package org.htscreen.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.catalogue.TypologyCode;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
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

    @Test
    void on_a_tie_the_typology_alerted_most_recently_leads() {
        // a labour controller: shared phone and device weigh in SEX and LAB alike; LAB was alerted before
        TypologyScore sex = score(TypologyCode.SEX, "HT-NET-01", "HT-NET-05", "HT-KYC-01");
        TypologyScore lab = score(TypologyCode.LAB, "HT-NET-01", "HT-NET-05", "HT-KYC-01");
        assertEquals(TypologyCode.SEX, Episode.leading(List.of(sex, lab), catalogue, java.util.Map.of())
                .typology(), "without an earlier alert the catalogue order decides");
        assertEquals(TypologyCode.LAB, Episode.leading(List.of(sex, lab), catalogue, java.util.Map.of(TypologyCode.LAB, 5L))
                .typology());
        assertEquals(TypologyCode.SEX, Episode.leading(List.of(sex, lab), catalogue,
                java.util.Map.of(TypologyCode.LAB, 5L, TypologyCode.SEX, 6L)).typology(), "the most recent one");
        // an earlier alert never outweighs more specific evidence
        TypologyScore crim = score(TypologyCode.CRIM, "HT-KYC-05", "HT-NET-05", "HT-CRIM-02");
        TypologyScore sexFanIn = score(TypologyCode.SEX, "HT-KYC-05", "HT-NET-05", "HT-FLOW-01");
        assertEquals(TypologyCode.CRIM, Episode.leading(List.of(sexFanIn, crim), catalogue, java.util.Map.of(TypologyCode.SEX, 5L))
                .typology());
    }

    @Test
    void a_mule_keeps_forced_criminality_when_a_later_fan_in_makes_sexual_exploitation_pass() {
        String a = "CY-ACC-MULE";
        IdentifierLink device = IdentifierLink.newBuilder().setKind("DEVICE").setIdentifier("hash-device").setPartyCount(3)
                .setAccountCount(3).setTime(Tx.T0.minus(Duration.ofDays(1)).toEpochMilli()).build();
        // HT-KYC-05 kept out (it weighs in SEX too), so that SEX does not pass at the first alert
        RuleHarness h = RuleHarness.with(java.util.Map.of("HT-KYC-05.min_senders", 50)).profile(Profiles.person("P-MULE", a, 800)
                .setOnboardingDate(Tx.T0.atZone(ZoneOffset.UTC).toLocalDate().minusDays(10)).build()).link(a, device);
        List<Tx> txs = new ArrayList<>();
        for (int day : new int[] {0}) {   // strangers pay in, the money leaves the same day (the mule pattern)
            for (int i = 0; i < 3; i++) {
                txs.add(Tx.transferIn(a, 250, "CY-VICTIM-" + day + "-" + i).day(day, i));
            }
            txs.add(Tx.transferOut(a, 710, "CY-ACC-CONTROLLER").day(day, 6));
        }
        for (int i = 0; i < 12; i++) {   // days 2-4: more strangers pay in; HT-FLOW-01 and HT-KYC-01 make SEX pass
            txs.add(Tx.transferIn(a, 250, "CY-PAYER-" + i).day(2 + i / 4, i % 4));
        }
        h.run(txs.toArray(Tx[]::new));
        assertTrue(h.fired(a, "HT-FLOW-01"), "the fan-in was seen");
        List<Alert> alerts = h.alerts();
        assertEquals(List.of(Typology.FORCED_CRIMINALITY), alerts.stream().map(Alert::getTypology).toList(),
                "the mule pattern (CRIM's own rule) is still active, leads on all the account's signals and was alerted");
    }
}
