package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.RuleDefinition;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** GEO family (rules/drl/geo.drl): a positive case, near misses, the threshold, and that it never alerts alone. */
class GeoRulesTest {

    private static final String A = "CY-ACC-9";

    /** n remittances out to Nepal, two days apart. */
    static List<Tx> remittances(int n, String country) {
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Tx.transferOut(A, 150, "NP-FAMILY-" + i).channel(Channel.MONEY_REMITTANCE)
                    .counterparty("NP-FAMILY-" + i, "Family", country, PartyType.PERSON).day(2 * i, 0));
        }
        return txs;
    }

    @Nested
    class Geo01VictimSourceCountries {
        final int n = count("HT-GEO-01.min_transactions");

        @Test
        void fires_on_repeated_payments_to_a_victim_source_country() {
            RuleHarness h = RuleHarness.withDefaults().run(remittances(n, "NP").toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-GEO-01"));
            Signal s = h.signals(A, "HT-GEO-01").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " payments or travel transactions"), s.getReason());
            assertEquals("NP", s.getObserved().get("countries"));
        }

        @Test
        void counts_travel_spending_and_conduit_countries() {
            List<Tx> txs = new ArrayList<>(remittances(n - 2, "NP"));
            txs.add(Tx.card(A, 60, "5812", "Restaurant Beirut").merchantCountry("LB").day(20, 0));
            txs.add(Tx.cardOnline(A, 320, "4511", "Airline").merchantCountry("TR").day(21, 0));
            RuleHarness h = RuleHarness.withDefaults().run(txs.toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-GEO-01"));
            assertEquals("LB, NP, TR", h.signals(A, "HT-GEO-01").get(0).getObserved().get("countries"));
        }

        @Test
        void silent_for_online_shopping_at_merchants_in_listed_countries() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n + 3; i++) {
                h.run(Tx.cardOnline(A, 35, "5651", "Greek e-shop").merchantCountry("GR").day(i, 0));
            }
            assertFalse(h.fired(A, "HT-GEO-01"));
        }

        @Test
        void silent_for_a_migrant_workers_monthly_remittance() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int month = 0; month < 6; month++) {
                h.run(Tx.transferOut(A, 250, "NP-HOME").channel(Channel.MONEY_REMITTANCE)
                        .counterparty("NP-HOME", "Mother", "NP", PartyType.PERSON).day(30 * month, 0));
            }
            assertFalse(h.fired(A, "HT-GEO-01"));
        }

        @Test
        void fires_exactly_at_the_count_and_only_on_a_listed_country_transaction() {
            List<Tx> txs = remittances(n, "NP");
            RuleHarness h = RuleHarness.withDefaults().run(txs.subList(0, n - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-GEO-01"), "one transaction short");
            h.run(Tx.transferOut(A, 80, "DE-SHOP").counterpartyCountry("DE").day(2 * n, 0));
            assertFalse(h.firedLast(A, "HT-GEO-01"), "a German payment does not complete the pattern");
            h.run(txs.get(n - 1).day(2 * n + 1, 0));
            assertTrue(h.firedLast(A, "HT-GEO-01"));
        }

        @Test
        void transactions_outside_the_window_do_not_count() {
            int windowDays = (int) param("HT-GEO-01.window_days");
            List<Tx> txs = remittances(n, "NP");
            txs.get(0).day(-windowDays - 1, 0);
            assertFalse(RuleHarness.withDefaults().run(txs.toArray(Tx[]::new)).fired(A, "HT-GEO-01"));
        }

        @Test
        void never_alerts_alone() {
            RuleDefinition def = RuleHarness.catalogue().rule("HT-GEO-01").orElseThrow();
            assertFalse(def.alertsAlone());
            def.typologies().values().forEach(w -> assertTrue(w <= 0.3, "low context weight, got " + w));
            RuleHarness h = RuleHarness.withDefaults().run(remittances(n + 5, "NP").toArray(Tx[]::new));
            assertTrue(h.fired(A, "HT-GEO-01"));
            assertTrue(h.alerts().isEmpty());
        }
    }
}
