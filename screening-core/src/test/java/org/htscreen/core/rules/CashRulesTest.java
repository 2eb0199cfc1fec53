package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CASH family (rules/drl/cash.drl): for each rule a positive case, a near miss, and the threshold. */
class CashRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String[] TOWNS = {"Limassol", "Larnaca", "Paphos", "Nicosia", "Ayia Napa"};

    /** n cash deposits of 200 EUR a few hours apart, at distinct terminals across the towns. */
    static List<Tx> deposits(int n, int towns) {
        List<Tx> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(Tx.cashDeposit(A, 200).day(0, 3 * i).terminal("ATM-" + i, TOWNS[i % towns]));
        }
        return txs;
    }

    @Nested
    class Cash01DepositsAtManyLocations {
        final int n = count("HT-CASH-01.min_deposits");

        @Test
        void fires_on_deposits_at_many_terminals_in_several_towns() {
            RuleHarness h = RuleHarness.withDefaults().run(deposits(n, 3).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-CASH-01"));
            Signal s = h.signals(A, "HT-CASH-01").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " cash deposits"), s.getReason());
        }

        @Test
        void silent_when_all_deposits_are_in_one_town() {
            RuleHarness h = RuleHarness.withDefaults().run(deposits(n + 2, 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-01"));
        }

        @Test
        void fires_exactly_at_the_deposit_count() {
            List<Tx> txs = deposits(n, 3);
            RuleHarness h = RuleHarness.withDefaults().run(txs.subList(0, n - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-01"), "one deposit short");
            h.run(txs.get(n - 1));
            assertTrue(h.firedLast(A, "HT-CASH-01"));
        }

        @Test
        void a_business_paying_in_takings_within_its_declared_turnover_is_not_flagged() {
            double window = param("HT-CASH-01.window_days");
            List<Tx> txs = deposits(n, 3);
            double cash = txs.stream().mapToDouble(t -> t.build().getAmount().doubleValue()).sum();
            double turnoverAtCash = Math.ceil(cash * 30 / window);   // whole euros: a declared turnover
            assertFalse(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.11", turnoverAtCash).build())
                    .run(deposits(n, 3).toArray(Tx[]::new)).fired(A, "HT-CASH-01"), "cash equal to the turnover share");
            assertTrue(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.11", Math.floor(turnoverAtCash * 0.9)).build())
                    .run(deposits(n, 3).toArray(Tx[]::new)).firedLast(A, "HT-CASH-01"), "cash above the turnover share");
            assertTrue(RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 100_000).build())
                    .run(deposits(n, 3).toArray(Tx[]::new)).firedLast(A, "HT-CASH-01"), "a person, whatever the income");
        }

        @Test
        void deposits_outside_the_window_do_not_count() {
            int windowDays = (int) param("HT-CASH-01.window_days");
            List<Tx> txs = deposits(n, 3);
            txs.get(0).day(-windowDays - 1, 0);
            RuleHarness h = RuleHarness.withDefaults().run(txs.toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-01"));
        }
    }

    @Nested
    class Cash02NightCash {
        final int n = count("HT-CASH-02.min_night_cash");
        final int nightHour = count("HT-CASH-02.night_start_hour");
        final double total = param("HT-CASH-02.min_night_total_eur");
        /** Each deposit so that {@code n} of them just reach the total. */
        final double each = Math.ceil(total / n);

        /** Cash deposits at a local hour on consecutive days (Nicosia is UTC+2 in March). */
        List<Tx> atLocalHour(int count, int localHour) {
            return atLocalHour(count, localHour, each);
        }

        List<Tx> atLocalHour(int count, int localHour, double amount) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.cashDeposit(A, amount).at(Tx.T0.plusSeconds(86_400L * i + 3600L * (localHour - 10)))
                        .terminal("ATM-1", "Limassol"));
            }
            return txs;
        }

        @Test
        void small_tips_after_late_shifts_stay_below_the_total() {
            double tips = Math.floor((total - 1) / (n + 2));
            assertFalse(RuleHarness.withDefaults().run(atLocalHour(n + 2, nightHour + 1, tips).toArray(Tx[]::new))
                    .fired(A, "HT-CASH-02"), "EUR " + tips + " a night");
            assertTrue(RuleHarness.withDefaults().run(atLocalHour(n + 2, nightHour + 1, Math.ceil(total / (n + 2)))
                    .toArray(Tx[]::new)).firedLast(A, "HT-CASH-02"), "the same nights at the total");
        }

        @Test
        void a_business_open_at_night_pays_its_takings_in_then() {
            RuleHarness kiosk = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.26", 30_000)
                    .setOpeningHours("00:00-23:59").build());
            assertFalse(kiosk.run(atLocalHour(n + 2, nightHour + 1).toArray(Tx[]::new)).fired(A, "HT-CASH-02"));
            RuleHarness shop = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.26", 30_000)
                    .setOpeningHours("08:00-20:00").build());
            assertTrue(shop.run(atLocalHour(n + 2, nightHour + 1).toArray(Tx[]::new)).firedLast(A, "HT-CASH-02"),
                    "a shop closed at night");
        }

        @Test
        void fires_on_repeated_night_cash() {
            RuleHarness h = RuleHarness.withDefaults().run(atLocalHour(n, nightHour + 1).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-CASH-02"));
        }

        @Test
        void silent_for_evening_cash_just_before_the_night() {
            RuleHarness h = RuleHarness.withDefaults().run(atLocalHour(n + 3, nightHour - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-02"));
        }

        @Test
        void fires_exactly_at_the_count_and_uses_local_time() {
            List<Tx> txs = atLocalHour(n, nightHour);
            RuleHarness h = RuleHarness.withDefaults().run(txs.subList(0, n - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-02"));
            h.run(txs.get(n - 1));
            assertTrue(h.firedLast(A, "HT-CASH-02"));
        }
    }

    @Nested
    class Cash03Funnel {
        final int pairs = count("HT-CASH-03.min_pairs");
        final double hours = param("HT-CASH-03.max_hours");

        List<Tx> funnel(int n, double gapHours, String outTown) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long base = 86_400L * 3 * i;
                txs.add(Tx.cashDeposit(A, 500).at(Tx.T0.plusSeconds(base)).terminal("ATM-L" + i, "Limassol"));
                txs.add(Tx.atmWithdrawal(A, 480).at(Tx.T0.plusSeconds(base + (long) (gapHours * 3600)))
                        .terminal("ATM-N" + i, outTown));
            }
            return txs;
        }

        @Test
        void fires_when_cash_in_here_leaves_there_quickly() {
            RuleHarness h = RuleHarness.withDefaults().run(funnel(pairs, 5, "Nicosia").toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-CASH-03"));
            assertEquals(2 * pairs, h.signals(A, "HT-CASH-03").get(0).getEvidenceTxIds().size());
        }

        @Test
        void silent_when_the_money_leaves_in_the_same_town() {
            RuleHarness h = RuleHarness.withDefaults().run(funnel(pairs + 2, 5, "Limassol").toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-03"));
        }

        @Test
        void the_time_limit_is_inclusive() {
            assertTrue(RuleHarness.withDefaults().run(funnel(pairs, hours, "Nicosia").toArray(Tx[]::new))
                    .fired(A, "HT-CASH-03"));
            assertFalse(RuleHarness.withDefaults().run(funnel(pairs, hours + 0.5, "Nicosia").toArray(Tx[]::new))
                    .fired(A, "HT-CASH-03"));
        }
    }

    @Nested
    class Cash04Structuring {
        final double limit = param("HT-CASH-04.threshold_eur");
        final double low = limit * param("HT-CASH-04.near_ratio");
        final int n = count("HT-CASH-04.min_count");

        List<Tx> cash(int count, double amount) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.branchDeposit(A, amount).day(i, 0).terminal("BR-1", "Nicosia"));
            }
            return txs;
        }

        @Test
        void fires_on_repeated_cash_just_below_the_limit() {
            assertTrue(RuleHarness.withDefaults().run(cash(n, limit - 50).toArray(Tx[]::new)).firedLast(A, "HT-CASH-04"));
        }

        @Test
        void silent_at_or_above_the_limit() {
            assertFalse(RuleHarness.withDefaults().run(cash(n + 1, limit).toArray(Tx[]::new)).fired(A, "HT-CASH-04"));
        }

        @Test
        void the_band_starts_at_the_near_ratio() {
            assertTrue(RuleHarness.withDefaults().run(cash(n, low).toArray(Tx[]::new)).fired(A, "HT-CASH-04"));
            assertFalse(RuleHarness.withDefaults().run(cash(n, low - 1).toArray(Tx[]::new)).fired(A, "HT-CASH-04"));
        }
    }

    @Nested
    class Cash05ThirdPartyCash {
        final int depositors = count("HT-CASH-05.min_depositors");

        @Test
        void fires_when_other_people_pay_in_most_of_the_money() {
            RuleHarness h = RuleHarness.withDefaults().run(
                    Tx.transferIn(A, 100, "CY-SALARY").day(0, 0),
                    Tx.cashDeposit(A, 300).day(1, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-X"),
                    Tx.cashDeposit(A, 300).day(2, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-Y"));
            assertEquals(2, depositors, "test written for the default of two depositors");
            assertTrue(h.firedLast(A, "HT-CASH-05"));
        }

        @Test
        void silent_when_the_holder_pays_in_own_cash() {
            RuleHarness h = RuleHarness.withDefaults().run(
                    Tx.cashDeposit(A, 300).day(1, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-A"),
                    Tx.cashDeposit(A, 300).day(2, 0).terminal("ATM-1", "Limassol").holder("P-A"));
            assertFalse(h.fired(A, "HT-CASH-05"));
        }

        @Test
        void the_share_threshold_is_inclusive() {
            double share = param("HT-CASH-05.min_share");
            double third = 600;
            double own = third * (1 - share) / share;
            RuleHarness h = RuleHarness.withDefaults().run(
                    Tx.transferIn(A, own, "CY-SALARY").day(0, 0),
                    Tx.cashDeposit(A, 300).day(1, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-X"),
                    Tx.cashDeposit(A, 300).day(2, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-Y"));
            assertTrue(h.firedLast(A, "HT-CASH-05"));
            RuleHarness below = RuleHarness.withDefaults().run(
                    Tx.transferIn(A, own + 20, "CY-SALARY").day(0, 0),
                    Tx.cashDeposit(A, 300).day(1, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-X"),
                    Tx.cashDeposit(A, 300).day(2, 0).terminal("ATM-1", "Limassol").holder("P-A").conductor("P-Y"));
            assertFalse(below.fired(A, "HT-CASH-05"));
        }
    }

    @Nested
    class Cash06BusinessCashOnly {
        final int n = count("HT-CASH-06.min_cash_deposits");

        RuleHarness business() {
            return RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "56.30", 20_000).build());
        }

        List<Tx> cash(int count) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.branchDeposit(A, 900).day(i, 0).terminal("BR-1", "Limassol"));
            }
            return txs;
        }

        @Test
        void fires_on_a_business_with_only_cash_takings() {
            assertTrue(business().run(cash(n).toArray(Tx[]::new)).firedLast(A, "HT-CASH-06"));
        }

        @Test
        void silent_when_the_business_also_takes_card_payments() {
            RuleHarness h = business().run(Tx.transferIn(A, 300, "ACQUIRER-SETTLEMENT").day(0, 0));
            h.run(cash(n + 3).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-06"));
        }

        @Test
        void silent_for_a_person_and_fires_at_the_count_for_a_business() {
            assertFalse(RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 2000).build())
                    .run(cash(n + 3).toArray(Tx[]::new)).fired(A, "HT-CASH-06"));
            List<Tx> txs = cash(n);
            RuleHarness h = business().run(txs.subList(0, n - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CASH-06"));
            assertTrue(h.run(txs.get(n - 1)).firedLast(A, "HT-CASH-06"));
        }
    }

    @Nested
    class Cash07OutsideHours {
        final int n = count("HT-CASH-07.min_credits");

        RuleHarness salon() {
            return RuleHarness.withDefaults()
                    .profile(Profiles.business("B-1", A, "96.02", 8_000).setOpeningHours("09:00-18:00").build());
        }

        /** Takings at a local hour (Nicosia, UTC+2 in March) on consecutive days. */
        Tx taking(int day, int localHour) {
            return Tx.branchDeposit(A, 250).at(Tx.T0.plusSeconds(86_400L * day + 3600L * (localHour - 10)))
                    .terminal("BR-1", "Limassol");
        }

        @Test
        void fires_when_takings_come_in_at_night() {
            RuleHarness h = salon();
            for (int i = 0; i < n; i++) {
                h.run(taking(i, 23));
            }
            assertTrue(h.firedLast(A, "HT-CASH-07"));
        }

        @Test
        void silent_when_takings_come_in_during_opening_hours() {
            RuleHarness h = salon();
            for (int i = 0; i < n + 3; i++) {
                h.run(taking(i, 12));
            }
            assertFalse(h.fired(A, "HT-CASH-07"));
        }

        @Test
        void fires_at_the_share_threshold() {
            double share = param("HT-CASH-07.min_outside_share");
            int total = 10;
            int outside = (int) Math.ceil(share * total);
            RuleHarness h = salon();
            for (int i = 0; i < total - outside; i++) {
                h.run(taking(i, 12));
            }
            for (int i = 0; i < outside - 1; i++) {
                h.run(taking(total + i, 23));
            }
            assertFalse(h.fired(A, "HT-CASH-07"), "share just below the threshold");
            h.run(taking(2 * total, 23));
            assertTrue(h.firedLast(A, "HT-CASH-07"));
        }
    }

    @Nested
    class Cash08PassThrough {
        final int n = count("HT-CASH-08.min_credits");

        List<Tx> inAndOut(int count, double outShare, int gapHours) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.transferIn(A, 400, "CY-PAYER-" + i).day(i * 4, 0));
                txs.add(Tx.atmWithdrawal(A, 400 * outShare).day(i * 4, gapHours).terminal("ATM-1", "Limassol"));
            }
            return txs;
        }

        @Test
        void fires_when_money_leaves_as_soon_as_it_arrives() {
            assertTrue(RuleHarness.withDefaults().run(inAndOut(n, 1.0, 2).toArray(Tx[]::new)).firedLast(A, "HT-CASH-08"));
        }

        @Test
        void silent_when_money_stays_longer_than_the_limit() {
            int late = (int) param("HT-CASH-08.max_hours") + 2;
            assertFalse(RuleHarness.withDefaults().run(inAndOut(n + 2, 1.0, late).toArray(Tx[]::new)).fired(A, "HT-CASH-08"));
        }

        @Test
        void silent_when_no_cash_is_involved() {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n + 2; i++) {
                txs.add(Tx.transferIn(A, 400, "CY-PAYER-" + i).day(i * 4, 0));
                txs.add(Tx.transferOut(A, 400, "CY-PAYEE-" + i).day(i * 4, 2));
            }
            assertFalse(RuleHarness.withDefaults().run(txs.toArray(Tx[]::new)).fired(A, "HT-CASH-08"),
                    "transfers in and out: HT-FLOW-13's, not a CASH signal");
        }

        @Test
        void fires_at_the_ratio_but_not_below() {
            double ratio = param("HT-CASH-08.min_ratio");
            assertTrue(RuleHarness.withDefaults().run(inAndOut(n, ratio, 2).toArray(Tx[]::new)).fired(A, "HT-CASH-08"));
            assertFalse(RuleHarness.withDefaults().run(inAndOut(n, ratio - 0.05, 2).toArray(Tx[]::new)).fired(A, "HT-CASH-08"));
        }
    }

    @Nested
    class Cash09WhiteLabelAtm {
        final int n = count("HT-CASH-09.min_withdrawals");

        @Test
        void fires_on_repeated_white_label_withdrawals() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(Tx.atmWithdrawal(A, 100).day(i, 0).whiteLabelAtm("IAD-" + i, "Limassol"));
            }
            assertTrue(h.firedLast(A, "HT-CASH-09"));
        }

        @Test
        void silent_for_bank_atms() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n + 3; i++) {
                h.run(Tx.atmWithdrawal(A, 100).day(i, 0).terminal("BANK-ATM-" + i, "Limassol"));
            }
            assertFalse(h.fired(A, "HT-CASH-09"));
        }

        @Test
        void fires_exactly_at_the_count_and_follows_an_override() {
            RuleHarness h = RuleHarness.with(Map.of("HT-CASH-09.min_withdrawals", n + 1));
            for (int i = 0; i < n; i++) {
                h.run(Tx.atmWithdrawal(A, 100).day(i, 0).whiteLabelAtm("IAD-" + i, "Limassol"));
            }
            assertFalse(h.fired(A, "HT-CASH-09"));
            h.run(Tx.atmWithdrawal(A, 100).day(n, 0).whiteLabelAtm("IAD-x", "Limassol"));
            assertTrue(h.firedLast(A, "HT-CASH-09"));
        }
    }
}
