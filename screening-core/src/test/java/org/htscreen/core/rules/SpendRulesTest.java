package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Direction;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.Typology;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SPEND family, HT-SPEND-01..08 (rules/drl/spend.drl): per rule a positive case, near misses and the threshold. */
class SpendRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String[] TOWNS = {"Limassol", "Larnaca", "Paphos", "Nicosia", "Ayia Napa", "Paralimni",
        "Polis", "Kyrenia"};

    static RuleHarness person() {
        return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 1400).build());
    }

    static RuleHarness business() {
        return RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "5610", 30000).build());
    }

    static RuleHarness occupation(String occupation) {
        return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 2500).setOccupation(occupation).build());
    }

    static Tx[] arr(List<Tx> txs) {
        return txs.toArray(Tx[]::new);
    }

    /** The last signal of a rule on the account. */
    static Signal last(RuleHarness h, String rule) {
        List<Signal> s = h.signals(A, rule);
        return s.get(s.size() - 1);
    }

    /** A card refund into the account from the merchant of a card payment, linked to the refunded transaction. */
    static Transaction refund(double amount, String mcc, String merchant, String refundedTxId, Duration after) {
        Transaction t = Tx.card(A, amount, mcc, merchant).after(after).refundOf(refundedTxId).build();
        return Transaction.newBuilder(t).setDirection(Direction.INBOUND)
                .setOriginator(t.getBeneficiary()).setBeneficiary(t.getOriginator()).build();
    }

    @Nested
    class Spend01AdultAdverts {
        final int repeat = count("HT-SPEND-01.min_repeat_payments");
        final double unit = param("HT-SPEND-01.max_unit_eur");
        final double total = param("HT-SPEND-01.min_total_eur");

        List<Tx> smallFees(int n, double amount, String mcc, String merchant) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.cardOnline(A, amount, mcc, merchant).day(i * 2, 0));
            }
            return txs;
        }

        @Test
        void fires_on_a_payment_to_a_listed_advert_merchant() {
            Tx ad = Tx.cardOnline(A, 24, "7311", "NightList Ads Ltd").id("ad-1").merchantCountry("NL");
            RuleHarness h = person().run(ad);
            assertTrue(h.firedLast(A, "HT-SPEND-01"));
            Signal s = last(h, "HT-SPEND-01");
            assertTrue(s.getReason().startsWith("1 payments to listed adult/escort advert merchants"), s.getReason());
            assertEquals(List.of("ad-1"), s.getEvidenceTxIds());
        }

        @Test
        void silent_for_monthly_subscriptions_and_a_business_buying_adverts() {
            RuleHarness subs = person().run(
                    Tx.cardOnline(A, 12.99, "5968", "Streamflix").day(0, 0),
                    Tx.cardOnline(A, 9.99, "5968", "Musicbox").day(1, 0),
                    Tx.cardOnline(A, 8, "4816", "Webhost EU").day(2, 0),
                    Tx.cardOnline(A, 25, "7299", "Dry Cleaners").day(3, 0),
                    Tx.cardOnline(A, 12.99, "5968", "Streamflix").day(29, 0));
            assertFalse(subs.fired(A, "HT-SPEND-01"));
            RuleHarness shop = business().run(arr(smallFees(repeat + 4, unit, "7311", "Social Ads")));
            assertFalse(shop.fired(A, "HT-SPEND-01"), "a small business paying for online adverts");
        }

        @Test
        void repeated_small_fees_at_one_advert_merchant_fire_at_the_count() {
            List<Tx> txs = smallFees(repeat, unit, "7273", "Datemeet");
            RuleHarness h = person().run(arr(txs.subList(0, repeat - 1)));
            assertFalse(h.fired(A, "HT-SPEND-01"), "one fee short");
            h.run(txs.get(repeat - 1));
            assertTrue(h.firedLast(A, "HT-SPEND-01"));
            assertEquals(repeat, last(h, "HT-SPEND-01").getEvidenceTxIds().size());
            RuleHarness above = person().run(arr(smallFees(repeat, unit + 1, "7273", "Datemeet2")));
            assertTrue(total > repeat * (unit + 1), "test assumes the total path stays below its threshold");
            assertFalse(above.fired(A, "HT-SPEND-01"), "fees above the unit price are not small listing fees");
        }

        @Test
        void the_monthly_total_counts_merchants_paid_repeatedly() {
            assertTrue(person().run(Tx.cardOnline(A, total / 2, "7311", "PromoBoost").day(0, 0),
                    Tx.cardOnline(A, total / 2, "7311", "PromoBoost").day(3, 0)).firedLast(A, "HT-SPEND-01"));
            assertFalse(person().run(Tx.cardOnline(A, total / 2, "7311", "PromoBoost").day(0, 0),
                    Tx.cardOnline(A, total / 2 - 1, "7311", "PromoBoost").day(3, 0)).fired(A, "HT-SPEND-01"));
            assertFalse(person().run(Tx.cardOnline(A, total * 2, "4816", "Hosting Annual").day(0, 0))
                    .fired(A, "HT-SPEND-01"), "one large payment is not repeated");
        }
    }

    @Nested
    class Spend02Accommodation {
        final int stays = count("HT-SPEND-02.min_stays");
        final int towns = count("HT-SPEND-02.min_towns");
        final double total = param("HT-SPEND-02.min_total_eur");
        final int forTotal = count("HT-SPEND-02.min_payments_for_total");

        List<Tx> lodging(int n, double amount, int townCount) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.card(A, amount, "7011", "Hotel " + i).merchantCity(TOWNS[i % townCount]).day(i * 3, 0));
            }
            return txs;
        }

        @Test
        void fires_on_many_short_stays() {
            RuleHarness h = person().run(arr(lodging(stays, 60, 1)));
            assertTrue(h.firedLast(A, "HT-SPEND-02"));
            Signal s = last(h, "HT-SPEND-02");
            assertEquals(stays, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(stays + " lodging payments"), s.getReason());
        }

        @Test
        void silent_for_one_holiday_paid_at_once_a_business_and_a_travelling_occupation() {
            assertFalse(person().run(Tx.card(A, total * 2, "4722", "Sunny Tours").merchantCity("Paphos"))
                    .fired(A, "HT-SPEND-02"));
            assertFalse(business().run(arr(lodging(stays + 2, 80, 4))).fired(A, "HT-SPEND-02"));
            assertFalse(occupation("Sales representative").run(arr(lodging(stays + 2, 80, 4))).fired(A, "HT-SPEND-02"));
        }

        @Test
        void fires_exactly_at_the_count_and_on_distinct_towns() {
            List<Tx> txs = lodging(stays, 60, 1);
            RuleHarness h = person().run(arr(txs.subList(0, stays - 1)));
            assertFalse(h.fired(A, "HT-SPEND-02"));
            h.run(txs.get(stays - 1));
            assertTrue(h.firedLast(A, "HT-SPEND-02"));
            assertTrue(person().run(arr(lodging(towns, 60, towns))).firedLast(A, "HT-SPEND-02"));
            assertFalse(person().run(arr(lodging(towns, 60, towns - 1))).fired(A, "HT-SPEND-02"));
        }

        @Test
        void the_total_needs_several_payments() {
            assertTrue(person().run(arr(lodging(forTotal, total / forTotal, 1))).firedLast(A, "HT-SPEND-02"));
            assertFalse(person().run(arr(lodging(forTotal - 1, total, 1))).fired(A, "HT-SPEND-02"));
            assertFalse(person().run(arr(lodging(forTotal, total / forTotal - 1, 1))).fired(A, "HT-SPEND-02"));
        }
    }

    @Nested
    class Spend03HotelAnomalies {
        final int anomalies = count("HT-SPEND-03.min_anomalies");
        final double room = param("HT-SPEND-03.min_room_eur");
        final double refundDays = param("HT-SPEND-03.max_refund_days");

        /** Two room charges at one hotel on each of the given days. */
        List<Tx> doubleRooms(int days, double second) {
            List<Tx> txs = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                txs.add(Tx.card(A, room + 20, "7011", "Seaview Hotel").day(d * 5, 0));
                txs.add(Tx.card(A, second, "7011", "Seaview Hotel").day(d * 5, 1));
            }
            return txs;
        }

        @Test
        void fires_on_two_rooms_the_same_day_repeatedly() {
            assertEquals(2, anomalies, "test written for the default of two anomalies");
            RuleHarness h = person().run(arr(doubleRooms(anomalies, room + 20)));
            assertTrue(h.firedLast(A, "HT-SPEND-03"));
            Signal s = last(h, "HT-SPEND-03");
            assertEquals(2 * anomalies, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(anomalies + " days with two or more room charges"), s.getReason());
        }

        @Test
        void silent_for_one_family_trip_bar_bills_and_a_late_refund() {
            assertFalse(person().run(arr(doubleRooms(anomalies - 1, room + 20))).fired(A, "HT-SPEND-03"));
            assertFalse(person().run(arr(doubleRooms(anomalies + 2, room - 1))).fired(A, "HT-SPEND-03"),
                    "a bar or minibar bill next to the room is not a second room");
            RuleHarness h = person().run(arr(doubleRooms(anomalies - 1, room + 20)));
            h.run(Tx.card(A, 150, "7011", "Harbour Inn").id("stay-1").day(20, 0));
            h.run(refund(150, "7011", "Harbour Inn", "stay-1", Duration.ofDays(20).plusHours(24 * (long) refundDays + 1)));
            assertFalse(h.fired(A, "HT-SPEND-03"), "refund later than the limit");
            assertFalse(business().run(arr(doubleRooms(anomalies + 1, room + 20))).fired(A, "HT-SPEND-03"));
        }

        @Test
        void a_full_refund_within_the_limit_counts_and_a_partial_one_does_not() {
            RuleHarness h = person().run(arr(doubleRooms(anomalies - 1, room + 20)));
            h.run(Tx.card(A, 150, "7512", "Rent A Car").id("car-1").day(20, 0));
            h.run(refund(149, "7512", "Rent A Car", "car-1", Duration.ofDays(21)));
            assertFalse(h.fired(A, "HT-SPEND-03"), "partial refund");
            h.run(Tx.card(A, 150, "7011", "Harbour Inn").id("stay-2").day(22, 0));
            h.run(refund(150, "7011", "Harbour Inn", "stay-2", Duration.ofDays(22).plusHours(24 * (long) refundDays)));
            assertTrue(h.firedLast(A, "HT-SPEND-03"));
            assertTrue(last(h, "HT-SPEND-03").getEvidenceTxIds().contains("stay-2"));
            assertEquals("1", last(h, "HT-SPEND-03").getObserved().get("full_refunds"));
        }
    }

    @Nested
    class Spend04BookingCashColocation {
        final int towns = count("HT-SPEND-04.min_towns");
        final double days = param("HT-SPEND-04.max_days_after");

        /** For each town a hotel booking, then cash paid in there some hours later. */
        List<Tx> bookingsThenDeposits(int townCount, double gapHours, boolean sameTown) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < townCount; i++) {
                long base = 86_400L * 6 * i;
                txs.add(Tx.cardOnline(A, 70, "7011", "Hotel " + i).merchantCity(TOWNS[i]).id("book-" + i)
                        .at(Tx.T0.plusSeconds(base)));
                txs.add(Tx.cashDeposit(A, 300).terminal("ATM-" + i, sameTown ? TOWNS[i] : "Nicosia").id("dep-" + i)
                        .at(Tx.T0.plusSeconds(base + (long) (gapHours * 3600))));
            }
            return txs;
        }

        @Test
        void fires_when_cash_is_paid_in_where_rooms_were_booked_in_several_towns() {
            RuleHarness h = person().run(arr(bookingsThenDeposits(towns, 20, true)));
            assertTrue(h.firedLast(A, "HT-SPEND-04"));
            Signal s = last(h, "HT-SPEND-04");
            assertEquals(2 * towns, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("in " + towns + " towns, cash was paid in"), s.getReason());
        }

        @Test
        void silent_for_cash_elsewhere_and_for_withdrawals_unless_switched_on() {
            assertFalse(person().run(arr(bookingsThenDeposits(towns + 1, 20, false))).fired(A, "HT-SPEND-04"));
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < towns; i++) {
                txs.add(Tx.cardOnline(A, 70, "7011", "Hotel " + i).merchantCity(TOWNS[i]).day(6 * i, 0));
                txs.add(Tx.atmWithdrawal(A, 100).terminal("ATM-" + i, TOWNS[i]).day(6 * i, 5));
            }
            assertFalse(person().run(arr(txs)).fired(A, "HT-SPEND-04"), "tourists take cash out where they stay");
            RuleHarness on = RuleHarness.with(Map.of("HT-SPEND-04.count_withdrawals", true)).run(arr(txs));
            assertTrue(on.firedLast(A, "HT-SPEND-04"));
        }

        @Test
        void the_day_limit_is_inclusive_and_towns_count_at_the_threshold() {
            assertTrue(person().run(arr(bookingsThenDeposits(towns, days * 24, true))).fired(A, "HT-SPEND-04"));
            assertFalse(person().run(arr(bookingsThenDeposits(towns, days * 24 + 1, true))).fired(A, "HT-SPEND-04"));
            assertFalse(person().run(arr(bookingsThenDeposits(towns - 1, 20, true))).fired(A, "HT-SPEND-04"));
        }

        @Test
        void alerts_alone_with_heavy_accommodation_spending() {
            assertTrue(RuleHarness.catalogue().rule("HT-SPEND-04").orElseThrow().alertsAlone());
            int stays = count("HT-SPEND-02.min_towns");
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < stays; i++) {
                txs.add(Tx.cardOnline(A, 70, "7011", "Motel " + i).merchantCity(TOWNS[i]).day(3 * i, 0));
                txs.add(Tx.cashDeposit(A, 300).terminal("ATM-" + i, TOWNS[i]).day(3 * i, 10));
            }
            RuleHarness h = person().run(arr(txs));
            assertTrue(h.fired(A, "HT-SPEND-02") && h.fired(A, "HT-SPEND-04"));
            assertTrue(h.alerts().stream().anyMatch(a -> a.getTypology() == Typology.SEXUAL_EXPLOITATION), "SPEND-02 + SPEND-04");
        }
    }

    @Nested
    class Spend05RapidMovement {
        final int towns = count("HT-SPEND-05.min_towns");
        final int countries = count("HT-SPEND-05.min_countries");
        final double countryDays = param("HT-SPEND-05.country_window_days");

        List<Tx> tour(int townCount, int repeats) {
            List<Tx> txs = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < townCount; i++) {
                    txs.add(Tx.card(A, 30, "5541", "Fuel " + i).terminal("POS-" + i, TOWNS[i]).day(r, 2 * i));
                }
            }
            return txs;
        }

        @Test
        void fires_on_arrival_in_yet_another_town() {
            RuleHarness h = person().run(arr(tour(towns, 1)));
            assertTrue(h.firedLast(A, "HT-SPEND-05"));
            Signal s = last(h, "HT-SPEND-05");
            assertEquals(towns, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("card-present or cash activity in " + towns + " towns"), s.getReason());
            h.run(Tx.card(A, 30, "5411", "Shop").terminal("POS-X", TOWNS[0]).day(1, 0));
            assertFalse(h.firedLast(A, "HT-SPEND-05"), "a known town is not a new move");
        }

        @Test
        void silent_for_commuting_a_business_and_a_travelling_occupation() {
            assertFalse(person().run(arr(tour(towns - 1, 6))).fired(A, "HT-SPEND-05"));
            assertFalse(business().run(arr(tour(towns + 2, 1))).fired(A, "HT-SPEND-05"));
            assertFalse(occupation("Flight attendant").run(arr(tour(towns + 2, 1))).fired(A, "HT-SPEND-05"));
        }

        @Test
        void countries_count_within_their_window() {
            List<Tx> txs = new ArrayList<>();
            String[] cc = {"CY", "GR", "BG", "RO", "RS"};
            for (int i = 0; i < countries; i++) {
                txs.add(Tx.card(A, 40, "5411", "Market " + i).merchantCity("Capital").merchantCountry(cc[i]).day(2 * i, 0));
            }
            assertTrue(person().run(arr(txs)).firedLast(A, "HT-SPEND-05"));
            txs.get(0).day(2 * (countries - 1) - (int) countryDays, 0);
            assertFalse(person().run(arr(txs)).fired(A, "HT-SPEND-05"), "first country just outside the window");
        }
    }

    @Nested
    class Spend06Transport {
        final int rides = count("HT-SPEND-06.min_rides");
        final int flightDays = count("HT-SPEND-06.min_flight_days");
        final int passengers = count("HT-SPEND-06.min_passengers");
        final int passengerDays = count("HT-SPEND-06.min_passenger_days");

        List<Tx> rides(int n) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.cardOnline(A, 11, "4121", "Bolt").after(Duration.ofHours(40L * i)));
            }
            return txs;
        }

        List<Tx> flights(int days) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < days; i++) {
                txs.add(Tx.cardOnline(A, 180, "4511", "Cyprus Air").passenger("HOLDER/ANNA").day(4 * i, 0));
            }
            return txs;
        }

        @Test
        void fires_on_heavy_ride_hailing_at_the_count() {
            List<Tx> txs = rides(rides);
            RuleHarness h = person().run(arr(txs.subList(0, rides - 1)));
            assertFalse(h.fired(A, "HT-SPEND-06"), "one ride short");
            h.run(txs.get(rides - 1));
            assertTrue(h.firedLast(A, "HT-SPEND-06"));
            assertEquals(rides, last(h, "HT-SPEND-06").getEvidenceTxIds().size());
            assertTrue(last(h, "HT-SPEND-06").getReason().startsWith(rides + " taxi or ride-hailing payments"));
        }

        @Test
        void silent_for_a_family_booked_together_and_for_cabin_crew() {
            List<Tx> family = new ArrayList<>();
            for (String name : new String[] {"DOE/JOHN", "DOE/MARY", "DOE/PETER", "DOE/ANNA"}) {
                family.add(Tx.cardOnline(A, 150, "3005", "Airline").passenger(name).day(0, 1));
            }
            assertFalse(person().run(arr(family)).fired(A, "HT-SPEND-06"));
            assertFalse(occupation("Cabin crew").run(arr(flights(flightDays + 2))).fired(A, "HT-SPEND-06"));
            assertFalse(business().run(arr(rides(rides + 5))).fired(A, "HT-SPEND-06"));
        }

        @Test
        void flight_days_and_passengers_named_on_different_days_fire_at_their_thresholds() {
            assertTrue(person().run(arr(flights(flightDays))).firedLast(A, "HT-SPEND-06"));
            assertFalse(person().run(arr(flights(flightDays - 1))).fired(A, "HT-SPEND-06"));
            List<Tx> others = new ArrayList<>();
            for (int i = 0; i < passengers; i++) {
                others.add(Tx.cardOnline(A, 120, "4511", "Budget Air").passenger("PAX/NUMBER" + (char) ('A' + i))
                        .day(i < passengers - passengerDays + 1 ? 0 : 7 * i, 3 + i));
            }
            assertTrue(flightDays > passengerDays, "test relies on the flight-day path staying below its threshold");
            assertTrue(person().run(arr(others)).firedLast(A, "HT-SPEND-06"));
            assertEquals(String.valueOf(passengers),
                    last(person().run(arr(others)), "HT-SPEND-06").getObserved().get("passengers"));
        }
    }

    @Nested
    class Spend07FoodForSeveral {
        final int perDay = count("HT-SPEND-07.min_orders_per_day");
        final double dayEur = param("HT-SPEND-07.min_day_eur");
        final int days = count("HT-SPEND-07.min_days");

        List<Tx> deliveries(int dayCount, int orders, double eachEur, boolean online) {
            List<Tx> txs = new ArrayList<>();
            for (int d = 0; d < dayCount; d++) {
                for (int o = 0; o < orders; o++) {
                    txs.add((online ? Tx.cardOnline(A, eachEur, "5814", "Foodexpress")
                            : Tx.card(A, eachEur, "5814", "Coffee Corner")).day(2 * d, 2 + 3 * o));
                }
            }
            return txs;
        }

        @Test
        void fires_on_many_deliveries_on_several_days() {
            RuleHarness h = person().run(arr(deliveries(days, perDay, dayEur / perDay, true)));
            assertTrue(h.firedLast(A, "HT-SPEND-07"));
            Signal s = last(h, "HT-SPEND-07");
            assertEquals(days * perDay, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(days + " days with at least " + perDay + " online food orders"));
        }

        @Test
        void silent_for_coffee_in_person_and_small_online_orders() {
            assertFalse(person().run(arr(deliveries(days + 10, perDay + 1, dayEur, false))).fired(A, "HT-SPEND-07"));
            assertFalse(person().run(arr(deliveries(days + 3, perDay, dayEur / perDay - 1, true))).fired(A, "HT-SPEND-07"));
            assertFalse(business().run(arr(deliveries(days + 3, perDay, dayEur, true))).fired(A, "HT-SPEND-07"));
        }

        @Test
        void fires_on_the_order_that_makes_the_last_busy_day() {
            List<Tx> txs = deliveries(days, perDay, dayEur / perDay, true);
            RuleHarness h = person().run(arr(txs.subList(0, txs.size() - 1)));
            assertFalse(h.fired(A, "HT-SPEND-07"), "one order short of the last busy day");
            h.run(txs.get(txs.size() - 1));
            assertTrue(h.firedLast(A, "HT-SPEND-07"));
        }
    }

    @Nested
    class Spend08AppearanceSpending {
        final double spend = param("HT-SPEND-08.min_spend_eur");
        final int n = count("HT-SPEND-08.min_count");
        final double ratio = param("HT-SPEND-08.min_ratio");
        final int window = (int) param("HT-SPEND-08.window_days");
        final int baselineDays = (int) param("HT-SPEND-08.baseline_days");

        /** An account opened before the baseline period, with some earlier appearance spending. */
        List<Tx> history(double baselineEur) {
            List<Tx> txs = new ArrayList<>();
            txs.add(Tx.transferIn(A, 1400, "CY-EMPLOYER").purpose("SALA").day(-window - baselineDays + 1, 0));
            if (baselineEur > 0) {
                txs.add(Tx.card(A, baselineEur, "5912", "Pharmacy").day(-window - 10, 0));
            }
            return txs;
        }

        /** Purchases ending on day 0, four days apart, inside the window. */
        List<Tx> spree(int count, double total) {
            List<Tx> txs = new ArrayList<>();
            String[] mccs = {"5977", "5631", "7230", "5912", "5621", "7298"};
            for (int i = 0; i < count; i++) {
                txs.add(Tx.card(A, total / count, mccs[i % mccs.length], "Shop " + i).day(-4 * (count - 1 - i), 0));
            }
            return txs;
        }

        @Test
        void fires_on_a_spree_far_above_the_accounts_earlier_level() {
            List<Tx> txs = history(50);
            txs.addAll(spree(n, spend));
            RuleHarness h = person().run(arr(txs));
            assertTrue(h.firedLast(A, "HT-SPEND-08"));
            Signal s = last(h, "HT-SPEND-08");
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("EUR "), s.getReason());
            assertTrue(s.getReason().contains(" in " + n + " beauty, clothing and pharmacy purchases"), s.getReason());
        }

        @Test
        void silent_for_a_steady_spender_a_new_account_and_a_business() {
            List<Tx> steady = history(0);
            for (int i = 0; i < 2 * n; i++) {
                steady.add(Tx.card(A, spend / n, "5977", "Cosmetics").day(-window - baselineDays + 5 + 4 * i, 0));
            }
            steady.addAll(spree(n, spend));
            assertFalse(person().run(arr(steady)).fired(A, "HT-SPEND-08"), "spending at the usual level");
            assertFalse(person().run(arr(spree(n + 2, spend * 2))).fired(A, "HT-SPEND-08"), "no baseline yet");
            List<Tx> biz = history(0);
            biz.addAll(spree(n, spend * 2));
            assertFalse(business().run(arr(biz)).fired(A, "HT-SPEND-08"));
        }

        @Test
        void amount_count_and_ratio_thresholds() {
            List<Tx> fewer = history(0);
            fewer.addAll(spree(n - 1, spend * 2));
            assertFalse(person().run(arr(fewer)).fired(A, "HT-SPEND-08"), "one purchase short");
            List<Tx> less = history(0);
            less.addAll(spree(n, spend - 1));
            assertFalse(person().run(arr(less)).fired(A, "HT-SPEND-08"), "below the amount");
            double baselinePerWindow = spend / ratio;
            double earlier = baselinePerWindow * (baselineDays - 1) / window;
            List<Tx> atRatio = history(earlier * 0.99);
            atRatio.addAll(spree(n, spend));
            assertTrue(person().run(arr(atRatio)).firedLast(A, "HT-SPEND-08"), "just within the ratio");
            List<Tx> belowRatio = history(earlier * 1.1);
            belowRatio.addAll(spree(n, spend));
            assertFalse(person().run(arr(belowRatio)).fired(A, "HT-SPEND-08"), "just under the ratio");
        }
    }
}
