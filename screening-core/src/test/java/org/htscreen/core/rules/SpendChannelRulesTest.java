package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
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

/**
 * SPEND family, channel rules HT-SPEND-09..17 (rules/drl/spend.drl, second section): for each rule a positive
 * case, a near miss that stays silent, and the threshold; plus an ordinary customer who must stay quiet.
 */
class SpendChannelRulesTest {

    private static final String A = "CY-ACC-1";
    private static final List<String> RULES = List.of("HT-SPEND-09", "HT-SPEND-10", "HT-SPEND-11", "HT-SPEND-12",
            "HT-SPEND-13", "HT-SPEND-14", "HT-SPEND-16", "HT-SPEND-17");

    static RuleHarness person(double income) {
        return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, income).build());
    }

    /** A transfer from a private person. */
    static Tx fromPerson(double amount, String sender) {
        return Tx.transferIn(A, amount, sender).counterpartyType(PartyType.PERSON);
    }

    static Tx at(Tx t, double hoursAfterT0) {
        return t.after(Duration.ofMinutes(Math.round(hoursAfterT0 * 60)));
    }

    @Nested
    class Spend09Prepaid {
        final int n = count("HT-SPEND-09.min_loads");
        final int cards = count("HT-SPEND-09.min_cards");
        final double total = param("HT-SPEND-09.min_total_eur");
        final int loadsForTotal = count("HT-SPEND-09.min_loads_for_total");

        Tx load(int day, double amount, String card) {
            return Tx.transferOut(A, amount, card).channel(Channel.PREPAID_CARD_LOAD).day(day, 0);
        }

        @Test
        void fires_on_frequent_loads() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(load(i, 20, "PREPAID-1"));
            }
            assertTrue(h.firedLast(A, "HT-SPEND-09"));
            Signal s = h.signals(A, "HT-SPEND-09").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " prepaid-card loads"), s.getReason());
        }

        @Test
        void silent_for_one_large_gift_card_and_a_few_small_loads() {
            RuleHarness h = RuleHarness.withDefaults()
                    .run(Tx.card(A, total + 100, "6540", "GiftCardShop").day(0, 0));
            assertFalse(h.fired(A, "HT-SPEND-09"), "a single gift card, however large, is not a pattern");
            RuleHarness few = RuleHarness.withDefaults();
            for (int i = 0; i < n - 1; i++) {
                few.run(load(i, 20, "PREPAID-1"));
            }
            assertFalse(few.fired(A, "HT-SPEND-09"));
        }

        @Test
        void fires_at_the_card_count_and_at_the_total() {
            assertTrue(cards < n, "test written for fewer cards than loads");
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < cards - 1; i++) {
                h.run(load(i, 20, "PREPAID-" + i));
            }
            assertFalse(h.fired(A, "HT-SPEND-09"));
            assertTrue(h.run(load(cards, 20, "PREPAID-X")).firedLast(A, "HT-SPEND-09"));

            double each = total / loadsForTotal;
            RuleHarness sum = RuleHarness.withDefaults();
            for (int i = 0; i < loadsForTotal; i++) {
                sum.run(Tx.card(A, each, "6540", "GiftCardShop").day(i, 0));
            }
            assertTrue(sum.firedLast(A, "HT-SPEND-09"), "gift-card purchases at the prepaid MCC reach the total");
            RuleHarness under = RuleHarness.withDefaults();
            for (int i = 0; i < loadsForTotal; i++) {
                under.run(Tx.card(A, each - 1, "6540", "GiftCardShop").day(i, 0));
            }
            assertFalse(under.fired(A, "HT-SPEND-09"));
        }
    }

    @Nested
    class Spend10Crypto {
        final int k = count("HT-SPEND-10.min_inbound_transfers");
        final double share = param("HT-SPEND-10.min_purchase_share");
        final double lookback = param("HT-SPEND-10.lookback_hours");
        final int small = count("HT-SPEND-10.min_small_purchases");
        final double smallEur = param("HT-SPEND-10.small_purchase_eur");

        Tx buy(double amount) {
            return Tx.transferOut(A, amount, "EXCHANGE-1").channel(Channel.CRYPTO_PURCHASE)
                    .counterpartyType(PartyType.CRYPTO_PROVIDER);
        }

        /** k transfers of 200 from distinct persons, the first {@code hoursBefore} hours before hour 48. */
        List<Tx> funding(int count, double hoursBefore) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(at(fromPerson(200, "CY-SENDER-" + i), 48 - hoursBefore + i * 0.5));
            }
            return txs;
        }

        @Test
        void fires_when_a_purchase_follows_several_third_party_transfers() {
            List<Tx> txs = funding(k, 20);
            RuleHarness h = RuleHarness.withDefaults().run(txs.toArray(Tx[]::new));
            h.run(at(buy(200.0 * k * 0.9), 48));
            assertTrue(h.firedLast(A, "HT-SPEND-10"));
            Signal s = h.signals(A, "HT-SPEND-10").get(0);
            assertEquals(k + 1, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains(k + " transfers from private third parties"), s.getReason());
        }

        @Test
        void silent_with_one_transfer_too_few_or_a_salary_among_them() {
            RuleHarness h = RuleHarness.withDefaults().run(funding(k - 1, 20).toArray(Tx[]::new));
            assertFalse(h.run(at(buy(200.0 * k), 48)).fired(A, "HT-SPEND-10"));
            List<Tx> txs = funding(k - 1, 20);
            txs.add(at(Tx.transferIn(A, 200, "CY-EMPLOYER").purpose("SALA"), 47));
            RuleHarness salary = RuleHarness.withDefaults().run(txs.toArray(Tx[]::new));
            assertFalse(salary.run(at(buy(200.0 * k), 48)).fired(A, "HT-SPEND-10"));
        }

        @Test
        void share_and_lookback_are_inclusive() {
            double sum = 200.0 * k;
            assertTrue(RuleHarness.withDefaults().run(funding(k, lookback).toArray(Tx[]::new))
                    .run(at(buy(sum * share), 48)).firedLast(A, "HT-SPEND-10"));
            assertFalse(RuleHarness.withDefaults().run(funding(k, 20).toArray(Tx[]::new))
                    .run(at(buy(sum * share - 1), 48)).fired(A, "HT-SPEND-10"));
            assertFalse(RuleHarness.withDefaults().run(funding(k, lookback + 0.5).toArray(Tx[]::new))
                    .run(at(buy(sum), 48)).fired(A, "HT-SPEND-10"), "first transfer outside the lookback");
        }

        @Test
        void many_small_purchases_fire_at_the_count() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < small - 1; i++) {
                h.run(Tx.cardOnline(A, 12 * (i + 1) % (int) smallEur, "6051", "CoinShop").day(i, 0));
            }
            assertFalse(h.fired(A, "HT-SPEND-10"));
            h.run(Tx.cardOnline(A, 24, "6051", "CoinShop").day(small, 0));
            assertTrue(h.firedLast(A, "HT-SPEND-10"));
            assertTrue(h.signals(A, "HT-SPEND-10").get(0).getReason().startsWith(small + " crypto purchases below"));
            RuleHarness notSmall = RuleHarness.withDefaults();
            for (int i = 0; i < small + 2; i++) {
                notSmall.run(buy(smallEur).day(i, 0));
            }
            assertFalse(notSmall.fired(A, "HT-SPEND-10"), "the small limit is exclusive");
        }
    }

    @Nested
    class Spend11Processors {
        final int n = count("HT-SPEND-11.min_credits");

        Tx payout(int day, String processor) {
            return Tx.transferIn(A, 60, processor).counterpartyType(PartyType.PAYMENT_PROCESSOR).day(day, 0);
        }

        @Test
        void fires_on_a_person_receiving_many_processor_payouts() {
            RuleHarness h = person(1500);
            for (int i = 0; i < n; i++) {
                h.run(payout(i, "PSP-" + (i % 2)));
            }
            assertTrue(h.firedLast(A, "HT-SPEND-11"));
            Signal s = h.signals(A, "HT-SPEND-11").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("personal account received " + n + " payouts from 2 payment processors"),
                    s.getReason());
        }

        @Test
        void silent_for_a_business_and_for_refunds() {
            RuleHarness shop = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.91", 20_000).build());
            for (int i = 0; i < n + 3; i++) {
                shop.run(payout(i, "PSP-1"));
            }
            assertFalse(shop.fired(A, "HT-SPEND-11"));
            RuleHarness refunds = person(1500);
            for (int i = 0; i < n + 3; i++) {
                refunds.run(payout(i, "PSP-1").refundOf("purchase-" + i));
            }
            assertFalse(refunds.fired(A, "HT-SPEND-11"));
        }

        @Test
        void fires_exactly_at_the_count() {
            RuleHarness h = person(1500);
            for (int i = 0; i < n - 1; i++) {
                h.run(payout(i, "PSP-1"));
            }
            assertFalse(h.fired(A, "HT-SPEND-11"));
            assertTrue(h.run(payout(n, "PSP-1")).firedLast(A, "HT-SPEND-11"));
        }
    }

    @Nested
    class Spend12Telecom {
        final int n = count("HT-SPEND-12.min_topups");
        final int providers = count("HT-SPEND-12.min_providers");

        @Test
        void fires_on_frequent_top_ups() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(Tx.card(A, 10, "4814", "MobileTopUp").day(i * 3, 0));
            }
            assertTrue(h.firedLast(A, "HT-SPEND-12"));
            assertEquals(n, h.signals(A, "HT-SPEND-12").get(0).getEvidenceTxIds().size());
        }

        @Test
        void silent_for_a_households_bills() {
            RuleHarness h = RuleHarness.withDefaults().run(
                    Tx.card(A, 30, "4814", "Mobile").day(0, 0),
                    Tx.card(A, 40, "4814", "Internet").day(1, 0),
                    Tx.card(A, 25, "4899", "PayTV").day(2, 0));
            for (int i = 0; i < n + 2; i++) {
                h.run(Tx.card(A, 35, "4814", "Landline").reference("internet bill " + i).day(3 + i, 0));
            }
            assertFalse(h.fired(A, "HT-SPEND-12"), "bills flagged as living costs and three providers stay quiet");
        }

        @Test
        void fires_at_the_top_up_count_and_at_the_provider_count() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n - 1; i++) {
                h.run(Tx.card(A, 10, "4814", "MobileTopUp").day(i, 0));
            }
            assertFalse(h.fired(A, "HT-SPEND-12"));
            assertTrue(h.run(Tx.card(A, 10, "4814", "MobileTopUp").day(n, 0)).firedLast(A, "HT-SPEND-12"));

            RuleHarness many = RuleHarness.withDefaults();
            for (int i = 0; i < providers - 1; i++) {
                many.run(Tx.card(A, 10, "4814", "Telco-" + i).day(i, 0));
            }
            assertFalse(many.fired(A, "HT-SPEND-12"));
            assertTrue(many.run(Tx.card(A, 10, "4812", "PhoneShop").day(providers, 0)).firedLast(A, "HT-SPEND-12"));
        }
    }

    @Nested
    class Spend13Lavish {
        final double income = 1000;
        final double windowDays = param("HT-SPEND-13.window_days");
        final double multiple = param("HT-SPEND-13.income_multiple");
        final int funders = count("HT-SPEND-13.min_funders");
        final double limit = multiple * income * windowDays / 30;

        /** Three salaries and {@code funders} third-party transfers of 2,000 spread over the window. */
        RuleHarness funded(RuleHarness h, boolean thirdParty) {
            for (int m = 0; m < 3; m++) {
                h.run(Tx.transferIn(A, income, "CY-EMPLOYER").purpose("SALA").day(m * 25, 0));
            }
            for (int i = 0; i < funders; i++) {
                h.run(thirdParty ? fromPerson(2000, "CY-PAYER-" + i).day(5 + i * 10, 0)
                        : Tx.transferIn(A, 2000, "CY-BANK-LOANS").counterpartyType(PartyType.FINANCIAL_INSTITUTION)
                                .day(5 + i * 10, 0));
            }
            return h;
        }

        @Test
        void fires_on_luxury_beyond_income_paid_by_others() {
            RuleHarness h = funded(person(income), true).run(Tx.card(A, limit + 500, "5944", "Jeweller").day(70, 0));
            assertTrue(h.firedLast(A, "HT-SPEND-13"));
            Signal s = h.signals(A, "HT-SPEND-13").get(0);
            assertEquals(funders + 1, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains("from " + funders + " private third parties"), s.getReason());
        }

        @Test
        void silent_when_a_loan_pays_or_the_income_is_unknown() {
            assertFalse(funded(person(income), false).run(Tx.card(A, limit + 500, "5511", "CarDealer").day(70, 0))
                    .fired(A, "HT-SPEND-13"), "a car loan is not third-party funding");
            RuleHarness unknown = RuleHarness.withDefaults()
                    .profile(Profiles.person("P-1", A, income).setDeclaredMonthlyIncome(null).build());
            assertFalse(funded(unknown, true).run(Tx.card(A, limit + 500, "5944", "Jeweller").day(70, 0))
                    .fired(A, "HT-SPEND-13"));
        }

        @Test
        void fires_at_the_income_multiple() {
            assertTrue(param("HT-SPEND-13.min_luxury_eur") <= limit, "test written for the income limit to bind");
            assertTrue(funded(person(income), true).run(Tx.card(A, limit, "5944", "Jeweller").day(70, 0))
                    .firedLast(A, "HT-SPEND-13"));
            assertFalse(funded(person(income), true).run(Tx.card(A, limit - 10, "5944", "Jeweller").day(70, 0))
                    .fired(A, "HT-SPEND-13"));
        }
    }

    @Nested
    class Spend14Gambling {
        final double minStakes = param("HT-SPEND-14.min_stakes_eur");
        final double payoutShare = param("HT-SPEND-14.min_payout_share");
        final int k = count("HT-SPEND-14.min_inbound_transfers");
        final double lookback = param("HT-SPEND-14.lookback_hours");
        final double stakes = 2 * minStakes;

        RuleHarness staked(RuleHarness h) {
            return h.run(Tx.cardOnline(A, stakes / 2, "7995", "OnlineCasino").day(0, 0),
                    Tx.cardOnline(A, stakes / 2, "7995", "OnlineCasino").day(1, 0));
        }

        Tx payout(double amount) {
            return Tx.transferIn(A, amount, "CASINO-1").counterpartyType(PartyType.GAMBLING).day(2, 0);
        }

        @Test
        void fires_when_most_of_the_stakes_come_back() {
            RuleHarness h = staked(RuleHarness.withDefaults()).run(payout(stakes * 0.9));
            assertTrue(h.firedLast(A, "HT-SPEND-14"));
            Signal s = h.signals(A, "HT-SPEND-14").get(0);
            assertEquals(3, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains("little play"), s.getReason());
        }

        @Test
        void silent_for_ordinary_losses_and_small_stakes() {
            assertFalse(staked(RuleHarness.withDefaults()).run(payout(stakes * 0.3)).fired(A, "HT-SPEND-14"));
            RuleHarness small = RuleHarness.withDefaults().run(
                    Tx.cardOnline(A, minStakes / 4, "7995", "OnlineCasino").day(0, 0),
                    payout(minStakes / 4));
            assertFalse(small.fired(A, "HT-SPEND-14"), "stakes below the minimum are not judged");
        }

        @Test
        void the_payout_share_is_inclusive() {
            assertTrue(staked(RuleHarness.withDefaults()).run(payout(stakes * payoutShare)).firedLast(A, "HT-SPEND-14"));
            assertFalse(staked(RuleHarness.withDefaults()).run(payout(stakes * payoutShare - 1)).fired(A, "HT-SPEND-14"));
        }

        @Test
        void fires_on_stakes_placed_right_after_third_party_transfers() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < k; i++) {
                h.run(at(fromPerson(250, "CY-SENDER-" + i), 48 - lookback + i));
            }
            h.run(at(Tx.cardOnline(A, minStakes, "7995", "OnlineCasino"), 48));
            assertTrue(h.firedLast(A, "HT-SPEND-14"));
            assertTrue(h.signals(A, "HT-SPEND-14").get(0).getReason().contains("after at least " + k + " transfers"));

            RuleHarness fewer = RuleHarness.withDefaults();
            for (int i = 0; i < k - 1; i++) {
                fewer.run(at(fromPerson(250, "CY-SENDER-" + i), 40 + i));
            }
            assertFalse(fewer.run(at(Tx.cardOnline(A, minStakes, "7995", "OnlineCasino"), 48)).fired(A, "HT-SPEND-14"));

            RuleHarness late = RuleHarness.withDefaults();
            for (int i = 0; i < k; i++) {
                late.run(at(fromPerson(250, "CY-SENDER-" + i), 48 - lookback - 1 + i * 0.1));
            }
            assertFalse(late.run(at(Tx.cardOnline(A, minStakes, "7995", "OnlineCasino"), 48)).fired(A, "HT-SPEND-14"),
                    "transfers older than the lookback do not fund the stake");
        }
    }

    @Nested
    class Spend16LivingCostsMissing {
        final double minHistory = param("HT-SPEND-16.min_history_days");
        final int minCards = count("HT-SPEND-16.min_card_payments");
        final int maxGrocery = count("HT-SPEND-16.max_grocery_payments");

        /** Inflows, then card spending only on hotels, fast food and taxis, the last spend on {@code lastDay}. */
        List<Tx> workLife(int lastDay) {
            List<Tx> txs = new ArrayList<>();
            txs.add(fromPerson(param("HT-SPEND-16.min_inflow_eur"), "CY-PAYER-1").day(0, 0));
            String[][] spends = {{"7011", "Hotel"}, {"5814", "FastFood"}, {"4121", "Taxi"}};
            for (int i = 0; i < minCards; i++) {
                String[] m = spends[i % spends.length];
                txs.add(Tx.card(A, 40, m[0], m[1] + i).day(lastDay * (i + 1) / minCards, 0));
            }
            return txs;
        }

        @Test
        void fires_when_only_survival_costs_are_paid() {
            RuleHarness h = person(1200).run(workLife((int) minHistory + 5).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-SPEND-16"));
            Signal s = h.signals(A, "HT-SPEND-16").get(0);
            assertEquals(minCards, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains("there were 0 utility, rent or insurance payments and 0 grocery payments"),
                    s.getReason());
        }

        @Test
        void silent_with_a_utility_bill_or_regular_groceries() {
            List<Tx> bill = workLife((int) minHistory + 5);
            bill.add(1, Tx.card(A, 60, "4900", "Electricity").day(3, 0));
            assertFalse(person(1200).run(bill.toArray(Tx[]::new)).fired(A, "HT-SPEND-16"));
            List<Tx> food = workLife((int) minHistory + 5);
            for (int i = 0; i <= maxGrocery; i++) {
                food.add(1, Tx.card(A, 30, "5411", "Supermarket").day(2 + i, 0));
            }
            assertFalse(person(1200).run(food.toArray(Tx[]::new)).fired(A, "HT-SPEND-16"));
        }

        @Test
        void a_young_account_stays_quiet_until_it_has_enough_history() {
            assertFalse(person(1200).run(workLife((int) minHistory - 5).toArray(Tx[]::new)).fired(A, "HT-SPEND-16"),
                    "not enough history yet");
            RuleHarness newcomer = RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 1200)
                    .setOnboardingDate(LocalDate.of(2026, 4, 20)).build());
            assertFalse(newcomer.run(workLife((int) minHistory + 5).toArray(Tx[]::new)).fired(A, "HT-SPEND-16"),
                    "onboarded a few weeks before the last spend");
            RuleHarness exact = person(1200).run(workLife((int) minHistory).toArray(Tx[]::new));
            assertTrue(exact.firedLast(A, "HT-SPEND-16"), "fires once the history reaches the minimum");
        }
    }

    @Nested
    class Spend17Parking {
        final int n = count("HT-SPEND-17.min_parking");
        final int places = count("HT-SPEND-17.min_places");

        @Test
        void fires_on_frequent_parking_at_many_places() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(Tx.card(A, 3, "7523", "CarPark-" + (i % places)).day(i, 0));
            }
            assertTrue(h.firedLast(A, "HT-SPEND-17"));
            assertEquals(n, h.signals(A, "HT-SPEND-17").get(0).getEvidenceTxIds().size());
        }

        @Test
        void silent_for_a_commuter_at_one_car_park() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n + 10; i++) {
                h.run(Tx.card(A, 3, "7523", "OfficeCarPark").day(i, 0));
            }
            assertFalse(h.fired(A, "HT-SPEND-17"));
        }

        @Test
        void fires_exactly_at_the_count_and_follows_an_override() {
            RuleHarness h = RuleHarness.with(Map.of("HT-SPEND-17.min_parking", n + 1));
            for (int i = 0; i < n; i++) {
                h.run(Tx.card(A, 3, "7523", "CarPark-" + (i % places)).day(i, 0));
            }
            assertFalse(h.fired(A, "HT-SPEND-17"));
            assertTrue(h.run(Tx.card(A, 3, "7523", "CarPark-0").day(n, 0)).firedLast(A, "HT-SPEND-17"));
        }
    }

    @Nested
    class OrdinaryCustomers {

        @Test
        void a_salaried_person_with_an_ordinary_life_stays_quiet() {
            RuleHarness h = person(1800);
            for (int m = 0; m < 3; m++) {
                int d = m * 30;
                h.run(Tx.transferIn(A, 1800, "CY-EMPLOYER").purpose("SALA").day(d, 0),
                        Tx.transferOut(A, 650, "CY-LANDLORD").reference("rent").day(d + 1, 0),
                        Tx.card(A, 45, "4814", "Mobile").reference("mobile").day(d + 2, 0),
                        Tx.card(A, 30, "4899", "PayTV").day(d + 2, 1),
                        Tx.card(A, 70, "4900", "Electricity").day(d + 3, 0),
                        Tx.card(A, 20, "6540", "GiftCardShop").day(d + 10, 0),
                        Tx.cardOnline(A, 50, "6051", "CoinShop").day(d + 12, 0),
                        Tx.cardOnline(A, 20, "7995", "Lottery").day(d + 14, 0));
                for (int w = 0; w < 4; w++) {
                    h.run(Tx.card(A, 60, "5411", "Supermarket").day(d + 4 + 7 * w, 0),
                            Tx.card(A, 12, "5814", "FastFood").day(d + 5 + 7 * w, 0),
                            Tx.card(A, 2, "7523", "OfficeCarPark").day(d + 6 + 7 * w, 0),
                            Tx.card(A, 2, "7523", "TownCarPark").day(d + 6 + 7 * w, 2));
                }
                h.run(Tx.card(A, 300, "5944", "Jeweller").day(d + 20, 0),
                        Tx.card(A, 90, "7011", "Hotel").day(d + 25, 0));
            }
            for (String rule : RULES) {
                assertFalse(h.fired(A, rule), rule);
            }
        }
    }
}
