package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SMUG family (rules/drl/smug.drl): for each rule a positive case, a near miss, and the threshold. */
class SmugglingRulesTest {

    private static final String A = "CY-ACC-7";
    /** Sender countries, none on the transit list. */
    private static final String[] PLACES = {"GR", "DE", "GB", "FR", "IT", "NL", "SE", "AT", "BE", "IE"};

    /** A money remittance into the account from a private sender in a country. */
    static Tx remittanceIn(String sender, double amount, String country) {
        return Tx.transferIn(A, amount, sender).channel(Channel.MONEY_REMITTANCE)
                .counterparty(sender, "Sender " + sender, country, PartyType.PERSON);
    }

    /** n transfers from n distinct senders spread over the first {@code places} countries, a few hours apart. */
    static List<Tx> fanIn(int n, int places, double amount) {
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(remittanceIn("S-" + i, amount, PLACES[i % places]).day(1, 4 * i));
        }
        return txs;
    }

    /** A card payment in Türkiye a few days earlier: the holder was in a transit country. */
    static Tx cardInTurkey() {
        return Tx.card(A, 40, "5411", "Market Mersin").merchantCountry("TR").day(-3, 0);
    }

    @Nested
    class Smug01ManySendersManyPlaces {
        final int senders = count("HT-SMUG-01.min_senders");
        final int places = count("HT-SMUG-01.min_locations");
        final int untied = count("HT-SMUG-01.min_locations_untied");
        final double limit = param("HT-SMUG-01.max_amount_eur");
        final double small = limit / 5;

        @Test
        void fires_when_a_holder_seen_in_a_transit_country_collects_from_many_places() {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            h.run(fanIn(senders, places, small).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-SMUG-01"));
            Signal s = h.signals(A, "HT-SMUG-01").get(0);
            assertEquals(senders, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(senders + " transfers under EUR"), s.getReason());
            assertTrue(s.getReason().contains("in TR"), s.getReason());
            assertEquals(String.valueOf(places), s.getObserved().get("places"));
        }

        @Test
        void fires_when_the_holder_lives_in_a_transit_country() {
            RuleHarness h = RuleHarness.withDefaults()
                    .profile(Profiles.person("P-7", A, 1500).setResidenceCountry("LB").setNationality("LB").build());
            h.run(fanIn(senders, places, small).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-SMUG-01"));
            assertTrue(h.signals(A, "HT-SMUG-01").get(0).getReason().contains("holder resides in LB"));
        }

        @Test
        void silent_without_a_transit_tie_when_places_are_fewer_than_the_untied_minimum() {
            RuleHarness h = RuleHarness.withDefaults().run(fanIn(senders + 3, untied - 1, small).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-01"));
        }

        @Test
        void silent_when_the_transfers_are_not_kept_under_the_limit() {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            h.run(fanIn(senders + 2, places, limit).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-01"));
        }

        @Test
        void silent_for_payments_from_businesses() {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            for (Tx t : fanIn(senders + 2, places, small)) {
                h.run(t.counterpartyType(PartyType.BUSINESS));
            }
            assertFalse(h.fired(A, "HT-SMUG-01"));
        }

        @Test
        void fires_exactly_at_the_sender_count() {
            List<Tx> txs = fanIn(senders, places, small);
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            h.run(txs.subList(0, senders - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-01"), "one sender short");
            h.run(txs.get(senders - 1));
            assertTrue(h.firedLast(A, "HT-SMUG-01"));
        }

        @Test
        void without_a_transit_tie_fires_exactly_at_the_untied_place_count() {
            int n = Math.max(senders, untied);
            assertTrue(RuleHarness.withDefaults().run(fanIn(n, untied, small).toArray(Tx[]::new))
                    .firedLast(A, "HT-SMUG-01"));
            assertFalse(RuleHarness.withDefaults().run(fanIn(n, untied - 1, small).toArray(Tx[]::new))
                    .fired(A, "HT-SMUG-01"));
        }

        @Test
        void the_amount_limit_is_exclusive() {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            List<Tx> txs = fanIn(senders, places, small);
            txs.get(senders - 1).amount(limit);
            h.run(txs.toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-01"), "the last transfer is at the limit, not under it");
            h.run(remittanceIn("S-extra", limit - 0.01, PLACES[0]).day(2, 0));
            assertTrue(h.firedLast(A, "HT-SMUG-01"));
        }
    }

    @Nested
    class Smug02MigrantSourceNotNational {
        final int n = count("HT-SMUG-02.min_transfers");
        final int senders = count("HT-SMUG-02.min_senders");
        final String[] sources = {"EG", "BD", "PK", "NP"};

        List<Tx> transfers(int count, int distinctSenders) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String sender = "F-" + (i % distinctSenders);
                txs.add(Tx.transferIn(A, 400, sender).channel(Channel.SWIFT_TRANSFER)
                        .counterparty(sender, "Sender " + sender, sources[i % distinctSenders], PartyType.PERSON)
                        .day(2 * i, 0));
            }
            return txs;
        }

        RuleHarness withNationality(String nationality) {
            return RuleHarness.withDefaults()
                    .profile(Profiles.person("P-8", A, 1800).setNationality(nationality).build());
        }

        @Test
        void fires_when_a_cypriot_receives_from_several_migrant_source_senders() {
            RuleHarness h = withNationality("CY").run(transfers(n, Math.max(senders, 2)).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-SMUG-02"));
            Signal s = h.signals(A, "HT-SMUG-02").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " inbound transfers"), s.getReason());
            assertTrue(s.getReason().contains("(CY)"), s.getReason());
        }

        @Test
        void silent_when_the_money_comes_from_the_holders_own_country() {
            RuleHarness h = RuleHarness.withDefaults()
                    .profile(Profiles.person("P-8", A, 900).setNationality("EG").build());
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n + 2; i++) {
                txs.add(Tx.transferIn(A, 300, "F-" + i).channel(Channel.SWIFT_TRANSFER)
                        .counterparty("F-" + i, "Family " + i, "EG", PartyType.PERSON).day(i, 0));
            }
            h.run(txs.toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-02"));
        }

        @Test
        void silent_when_the_profile_is_unknown() {
            RuleHarness h = RuleHarness.withDefaults().run(transfers(n + 2, Math.max(senders, 2)).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-02"));
        }

        @Test
        void silent_when_fewer_senders_than_the_minimum() {
            assumeTrue(senders >= 2, "needs a sender minimum above one");
            RuleHarness h = withNationality("CY").run(transfers(n + 2, senders - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-02"));
        }

        @Test
        void fires_exactly_at_the_transfer_count() {
            List<Tx> txs = transfers(n, Math.max(senders, 2));
            RuleHarness h = withNationality("CY").run(txs.subList(0, n - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-SMUG-02"), "one transfer short");
            h.run(txs.get(n - 1));
            assertTrue(h.firedLast(A, "HT-SMUG-02"));
        }

        @Test
        void transfers_outside_the_window_do_not_count() {
            int windowDays = (int) param("HT-SMUG-02.window_days");
            List<Tx> txs = transfers(n, Math.max(senders, 2));
            txs.get(0).day(-windowDays - 1, 0);
            assertFalse(withNationality("CY").run(txs.toArray(Tx[]::new)).fired(A, "HT-SMUG-02"));
        }
    }

    @Nested
    class Smug03CashRiseThenWires {
        final double rise = param("HT-SMUG-03.min_rise");
        final double minCash = param("HT-SMUG-03.min_cash_eur");
        final double share = param("HT-SMUG-03.min_wire_share");
        final int follow = (int) param("HT-SMUG-03.follow_days");
        final int window = (int) param("HT-SMUG-03.window_days");
        final int minBaseline = (int) param("HT-SMUG-03.min_baseline_days");

        /** Five earlier cash deposits of the given amount, ten days apart, all before the recent window. */
        List<Tx> baseline(double each) {
            List<Tx> txs = new ArrayList<>();
            int first = -window - minBaseline - 15;
            for (int i = 0; i < 5; i++) {
                txs.add(Tx.cashDeposit(A, each).terminal("ATM-B" + i, "Larnaca").day(first + 10 * i, 0));
            }
            return txs;
        }

        /** Two recent deposits of half the cash, each followed two days later by a wire of half the wired sum. */
        List<Tx> recent(double cash, double wired, String country) {
            return List.of(
                    Tx.cashDeposit(A, cash / 2).terminal("ATM-R1", "Larnaca").day(-10, 0),
                    wire(wired / 2, country).day(-10 + 2, 0),
                    Tx.cashDeposit(A, cash / 2).terminal("ATM-R2", "Limassol").day(-5, 0),
                    wire(wired / 2, country).day(-5 + Math.min(2, follow), 0));
        }

        Tx wire(double amount, String country) {
            return Tx.transferOut(A, amount, "BEN-" + country).channel(Channel.SWIFT_TRANSFER)
                    .counterparty("BEN-" + country, "Beneficiary", country, PartyType.PERSON);
        }

        /** Recent cash well above the minimum and far above a small baseline. */
        double cash() {
            return Math.ceil(minCash * 4 / 100) * 100;
        }

        RuleHarness run(List<Tx> before, List<Tx> recent) {
            RuleHarness h = RuleHarness.withDefaults();
            h.run(before.toArray(Tx[]::new));
            return h.run(recent.toArray(Tx[]::new));
        }

        @Test
        void fires_when_a_sudden_rise_in_cash_is_wired_to_a_transit_country() {
            double baseEach = cash() / rise / 10;
            RuleHarness h = run(baseline(baseEach), recent(cash(), cash() * share + 200, "SY"));
            assertTrue(h.firedLast(A, "HT-SMUG-03"));
            List<Signal> fired = h.signals(A, "HT-SMUG-03");
            Signal s = fired.get(fired.size() - 1);
            assertEquals(4, s.getEvidenceTxIds().size(), "two deposits and two wires");
            assertTrue(s.getReason().startsWith("EUR " + SignalSink.format(cash()) + " cash paid in"), s.getReason());
            assertTrue(s.getReason().contains("(SY)"), s.getReason());
        }

        @Test
        void silent_for_a_worker_whose_cash_wages_are_steady() {
            double baseEach = cash() / 2;
            RuleHarness h = run(baseline(baseEach), recent(cash(), cash() * share + 200, "NP"));
            assertFalse(h.fired(A, "HT-SMUG-03"));
        }

        @Test
        void silent_for_a_new_account_without_a_baseline() {
            RuleHarness h = run(List.of(), recent(cash(), cash(), "SY"));
            assertFalse(h.fired(A, "HT-SMUG-03"));
        }

        @Test
        void silent_when_the_wires_go_elsewhere() {
            double baseEach = cash() / rise / 10;
            RuleHarness h = run(baseline(baseEach), recent(cash(), cash(), "DE"));
            assertFalse(h.fired(A, "HT-SMUG-03"));
        }

        @Test
        void silent_when_the_cash_stays_below_the_minimum() {
            double low = Math.floor(minCash * 0.9);
            RuleHarness h = run(baseline(1), recent(low, low, "SY"));
            assertFalse(h.fired(A, "HT-SMUG-03"));
        }

        @Test
        void fires_exactly_at_the_wired_share() {
            double baseEach = cash() / rise / 10;
            double atShare = cash() * share;
            assertTrue(run(baseline(baseEach), recent(cash(), atShare, "LB")).firedLast(A, "HT-SMUG-03"));
            assertFalse(run(baseline(baseEach), recent(cash(), atShare - 20, "LB")).fired(A, "HT-SMUG-03"));
        }

        @Test
        void wires_later_than_the_follow_up_time_do_not_count() {
            double baseEach = cash() / rise / 10;
            List<Tx> txs = List.of(
                    Tx.cashDeposit(A, cash()).terminal("ATM-R1", "Larnaca").day(-follow - 3, 0),
                    wire(cash(), "SY").day(0, 1));
            assertFalse(run(baseline(baseEach), txs).fired(A, "HT-SMUG-03"));
        }

        @Test
        void the_rise_must_exceed_the_multiple() {
            double baseEach = cash() / rise / 10;
            List<Tx> before = baseline(baseEach);
            List<Tx> after = recent(cash(), cash() * share + 200, "SY");
            List<Signal> fired = run(before, after).signals(A, "HT-SMUG-03");
            Map<String, String> observed = fired.get(fired.size() - 1).getObserved();
            double observedRise = Double.parseDouble(observed.get("recent_cash_eur"))
                    / Double.parseDouble(observed.get("baseline_cash_eur"));
            RuleHarness above = RuleHarness.with(Map.of("HT-SMUG-03.min_rise", observedRise + 0.05));
            above.run(before.toArray(Tx[]::new)).run(after.toArray(Tx[]::new));
            assertFalse(above.firedLast(A, "HT-SMUG-03"), "rise " + observedRise + " below the raised multiple");
            RuleHarness below = RuleHarness.with(Map.of("HT-SMUG-03.min_rise", observedRise - 0.05));
            below.run(before.toArray(Tx[]::new)).run(after.toArray(Tx[]::new));
            assertTrue(below.firedLast(A, "HT-SMUG-03"));
        }
    }

    @Nested
    class TenantsAreNotFeePayers {
        final int senders = count("HT-SMUG-01.min_senders");
        final int places = count("HT-SMUG-01.min_locations");
        final double small = param("HT-SMUG-01.max_amount_eur") / 5;
        final int recurring = (int) param("HT-SMUG-01.recurring_days");

        @Test
        void rent_references_do_not_count_as_fees() {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            for (Tx t : fanIn(senders, places, small)) {
                h.run(t.reference("Rent 09/2026"));
            }
            assertFalse(h.fired(A, "HT-SMUG-01"));
            assertTrue(RuleHarness.withDefaults().run(cardInTurkey()).run(fanIn(senders, places, small).toArray(Tx[]::new))
                    .firedLast(A, "HT-SMUG-01"), "the same payments without rent references");
        }

        /** Every sender paid once {@code daysBefore} days before the fan-in (no reference either time). */
        RuleHarness payersWhoPaidBefore(int daysBefore) {
            RuleHarness h = RuleHarness.withDefaults().run(cardInTurkey());
            List<Tx> first = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                first.add(remittanceIn("S-" + i, small, PLACES[i % places]).day(1 - daysBefore, 4 * i));
            }
            h.run(first.toArray(Tx[]::new));
            return h.run(fanIn(senders, places, small).toArray(Tx[]::new));
        }

        @Test
        void payers_who_paid_before_are_regular_payers_from_the_recurring_days_on() {
            assertFalse(payersWhoPaidBefore(recurring).firedLast(A, "HT-SMUG-01"), "the same payers a month later");
            assertTrue(payersWhoPaidBefore(recurring - 1).firedLast(A, "HT-SMUG-01"), "paid again within the days: fees");
        }

        @Test
        void smug02_leaves_out_rent_and_regular_payers_too() {
            int n = count("HT-SMUG-02.min_transfers");
            RuleHarness rent = RuleHarness.withDefaults().profile(Profiles.person("P-8", A, 1800).setNationality("CY").build());
            RuleHarness fees = RuleHarness.withDefaults().profile(Profiles.person("P-8", A, 1800).setNationality("CY").build());
            for (int i = 0; i < n; i++) {
                Tx t = Tx.transferIn(A, 400, "T-" + i).channel(Channel.SWIFT_TRANSFER)
                        .counterparty("T-" + i, "Tenant " + i, "IN", PartyType.PERSON).day(i, 0);
                fees.run(t);
                rent.run(Tx.transferIn(A, 400, "T-" + i).channel(Channel.SWIFT_TRANSFER)
                        .counterparty("T-" + i, "Tenant " + i, "IN", PartyType.PERSON).day(i, 0).reference("RENT 10/2026"));
            }
            assertTrue(fees.firedLast(A, "HT-SMUG-02"));
            assertFalse(rent.fired(A, "HT-SMUG-02"));
        }
    }
}
