package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** KYC family (rules/drl/kyc.drl): for each rule a positive case, a near miss, and the threshold. */
class KycRulesTest {

    private static final String A = "CY-ACC-1";
    private static final int SIGNAL_WINDOW = (int) param("engine.signal_window_days");
    private static final String SOCIAL_INSURANCE = "CY00SOCIALINSURANCE0000000001";
    private static final String TAX = "CY00TAXDEPARTMENTPAYE000000001";

    static Tx groceries(int day) {
        return Tx.card(A, 35, "5411", "Alpha Mega").day(day, 0);
    }

    /** n equal credits from different payers on consecutive days, summing to total. */
    static Tx[] credits(int n, double total) {
        Tx[] txs = new Tx[n];
        for (int i = 0; i < n; i++) {
            txs[i] = Tx.transferIn(A, total / n, "CY-PAYER-" + i).day(i, 0);
        }
        return txs;
    }

    @Nested
    class Kyc01InflowOverIncome {
        final double k = param("HT-KYC-01.income_multiple");
        final int n = count("HT-KYC-01.min_credits");
        final double cap = param("HT-KYC-01.domestic_worker_cap_eur");
        final double income = 1000;

        RuleHarness person(double monthlyIncome) {
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, monthlyIncome).build());
        }

        @Test
        void fires_when_inflows_exceed_the_multiple_of_the_declared_income() {
            RuleHarness h = person(income).run(credits(n, k * income + 300));
            assertTrue(h.firedLast(A, "HT-KYC-01"));
            Signal s = h.signals(A, "HT-KYC-01").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains("times the declared monthly income of EUR " + (int) income), s.getReason());
        }

        @Test
        void silent_at_the_limit_for_one_lump_sum_for_own_transfers_and_without_a_profile() {
            assertFalse(person(income).run(credits(n, k * income)).fired(A, "HT-KYC-01"), "the limit itself is allowed");
            assertFalse(person(income).run(Tx.transferIn(A, 10 * k * income, "CY-CAR-BUYER")).fired(A, "HT-KYC-01"),
                    "one lump sum");
            PartyProfile twoAccounts = Profiles.person("P-1", A, income).setAccountIds(List.of(A, "CY-ACC-SAVINGS")).build();
            RuleHarness own = RuleHarness.withDefaults().profile(twoAccounts);
            for (int i = 0; i < n; i++) {
                own.run(Tx.transferIn(A, k * income, "CY-ACC-SAVINGS").day(i, 0));
            }
            assertFalse(own.fired(A, "HT-KYC-01"), "money from the holder's own savings");
            assertFalse(RuleHarness.withDefaults().run(credits(n, 100 * k * income)).fired(A, "HT-KYC-01"));
        }

        @Test
        void fires_just_above_the_limit_and_needs_the_credit_count() {
            Tx[] txs = credits(n, k * income + 1);
            RuleHarness h = person(income).run(java.util.Arrays.copyOf(txs, n - 1));
            assertFalse(h.fired(A, "HT-KYC-01"), "one credit short of the count");
            assertTrue(h.run(txs[n - 1]).firedLast(A, "HT-KYC-01"));
        }

        @Test
        void a_domestic_worker_is_held_to_the_monthly_cap() {
            PartyProfile worker = Profiles.person("P-2", A, cap).setResidencePermit(ResidencePermit.DOMESTIC_WORKER).build();
            RuleHarness h = RuleHarness.withDefaults().profile(worker).run(credits(n, cap + 50));
            assertTrue(h.firedLast(A, "HT-KYC-01"));
            assertTrue(h.signals(A, "HT-KYC-01").get(0).getReason().contains("monthly cap for a domestic worker"));
            PartyProfile noIncome = Profiles.person("P-3", A, 0).setDeclaredMonthlyIncome(null)
                    .setResidencePermit(ResidencePermit.DOMESTIC_WORKER).build();
            assertTrue(RuleHarness.withDefaults().profile(noIncome).run(credits(n, cap + 50)).fired(A, "HT-KYC-01"));
            assertFalse(RuleHarness.withDefaults().profile(noIncome).run(credits(n, cap)).fired(A, "HT-KYC-01"));
        }
    }

    @Nested
    class Kyc03NoPayroll {
        final double minCredits = param("HT-KYC-03.min_credits_eur");
        final int observed = (int) param("HT-KYC-03.min_observed_days");
        final double staffShare = param("HT-KYC-03.max_staff_cost_share");

        RuleHarness business() {
            return RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "43.21", 7_000).build());
        }

        /** Four customer payments spread over the observation period, summing to total. */
        List<Tx> revenue(double total, int lastDay) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                txs.add(Tx.transferIn(A, total / 4, "CY-CLIENT-" + i).day(lastDay * i / 3, 0));
            }
            return txs;
        }

        @Test
        void fires_on_turnover_without_social_insurance_tax_or_wages() {
            RuleHarness h = business().run(revenue(minCredits, observed).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-KYC-03"));
            Signal s = h.signals(A, "HT-KYC-03").get(0);
            assertEquals(4, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains("no payment to social insurance"), s.getReason());
        }

        @Test
        void silent_when_the_business_pays_social_insurance_or_tax_or_wages() {
            List<Tx> withSi = revenue(minCredits * 2, observed);
            withSi.add(1, Tx.transferOut(A, 900, SOCIAL_INSURANCE).day(5, 0));
            assertFalse(business().run(withSi.toArray(Tx[]::new)).fired(A, "HT-KYC-03"));
            List<Tx> withTax = revenue(minCredits * 2, observed);
            withTax.add(1, Tx.transferOut(A, 400, TAX).day(5, 0));
            assertFalse(business().run(withTax.toArray(Tx[]::new)).fired(A, "HT-KYC-03"));
            List<Tx> withWages = revenue(minCredits, observed);
            withWages.add(1, Tx.transferOut(A, minCredits * staffShare, "CY-WORKER-1").purpose("SALA").day(5, 0));
            assertFalse(business().run(withWages.toArray(Tx[]::new)).fired(A, "HT-KYC-03"), "wages at the share");
            assertFalse(RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 2000).build())
                    .run(revenue(minCredits * 2, observed).toArray(Tx[]::new)).fired(A, "HT-KYC-03"), "a person");
        }

        @Test
        void contributions_are_recognised_by_the_payees_name_at_another_bank() {
            List<Tx> other = revenue(minCredits * 2, observed);
            other.add(1, Tx.transferOut(A, 900, "CY21002001950000357001234567").day(5, 0)
                    .counterparty("CY21002001950000357001234567", "SOCIAL  INSURANCE services", "CY", PartyType.GOVERNMENT));
            assertFalse(business().run(other.toArray(Tx[]::new)).fired(A, "HT-KYC-03"), "same fund, other IBAN");
            List<Tx> stranger = revenue(minCredits * 2, observed);
            stranger.add(1, Tx.transferOut(A, 900, "CY21002001950000357001234567").day(5, 0)
                    .counterparty("CY21002001950000357001234567", "Social Insurance Consultants Ltd", "CY", PartyType.BUSINESS));
            assertTrue(business().run(stranger.toArray(Tx[]::new)).firedLast(A, "HT-KYC-03"), "a look-alike name is not the fund");
        }

        @Test
        void needs_the_credit_threshold_and_a_long_enough_history() {
            assertFalse(business().run(revenue(minCredits - 4, observed).toArray(Tx[]::new)).fired(A, "HT-KYC-03"),
                    "credits just below the threshold");
            assertFalse(business().run(revenue(minCredits * 3, observed - 3).toArray(Tx[]::new)).fired(A, "HT-KYC-03"),
                    "not watched long enough for monthly contributions to show");
            List<Tx> wages = revenue(minCredits, observed);
            wages.add(1, Tx.transferOut(A, minCredits * staffShare - 10, "CY-WORKER-1").purpose("SALA").day(5, 0));
            assertTrue(business().run(wages.toArray(Tx[]::new)).firedLast(A, "HT-KYC-03"), "wages just below the share");
        }
    }

    @Nested
    class Kyc04LivingCosts {
        final double share = param("HT-KYC-04.min_share");
        final double minSpend = param("HT-KYC-04.min_spend_eur");

        RuleHarness business(String nace) {
            return RuleHarness.withDefaults().profile(Profiles.business("B-1", A, nace, 30_000).build());
        }

        /** A supplier payment, then lodging and grocery card payments worth living in total, last on day 3. */
        Tx[] spending(double supplier, double living) {
            return new Tx[] {
                Tx.transferOut(A, supplier, "CY-SUPPLIER").day(0, 0),
                Tx.card(A, living / 2, "7011", "Larnaca Inn").day(1, 0),
                Tx.card(A, living / 4, "7512", "Budget Cars").day(2, 0),
                Tx.card(A, living / 4, "5411", "Alpha Mega").day(3, 0)};
        }

        @Test
        void fires_when_a_construction_firm_pays_lodging_cars_and_food() {
            double living = 2 * minSpend;
            RuleHarness h = business("43.99").run(spending(living * 2, living));
            assertTrue(h.firedLast(A, "HT-KYC-04"));
            List<Signal> signals = h.signals(A, "HT-KYC-04");
            Signal s = signals.get(signals.size() - 1);
            assertEquals(3, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("business in sector 43.99 spent EUR " + (int) living), s.getReason());
        }

        @Test
        void silent_for_hotels_and_restaurants_for_an_unknown_sector_and_for_small_amounts() {
            double living = 2 * minSpend;
            assertFalse(business("55.10").run(spending(living, living)).fired(A, "HT-KYC-04"), "a hotel");
            assertFalse(business("56.10").run(spending(living, living)).fired(A, "HT-KYC-04"), "a restaurant");
            assertFalse(business(null).run(spending(living, living)).fired(A, "HT-KYC-04"), "sector unknown");
            assertFalse(business("43.99").run(spending(10, minSpend - 10)).fired(A, "HT-KYC-04"), "below the amount");
        }

        @Test
        void fires_at_the_share_but_not_below() {
            double living = 2 * minSpend;
            double supplierAtShare = living * (1 - share) / share;
            assertTrue(business("43.99").run(spending(supplierAtShare, living)).firedLast(A, "HT-KYC-04"));
            assertFalse(business("43.99").run(spending(supplierAtShare + 50, living)).fired(A, "HT-KYC-04"));
        }
    }

    @Nested
    class Kyc05NewAccountThirdPartyMoney {
        final int senders = count("HT-KYC-05.min_senders");
        final double minIn = param("HT-KYC-05.min_in_eur");
        final double ratio = param("HT-KYC-05.min_pass_on_ratio");
        final int maxAge = (int) param("HT-KYC-05.max_account_age_days");

        RuleHarness openedDaysAgo(int days) {
            LocalDate opened = Tx.T0.atZone(ZoneOffset.UTC).toLocalDate().minusDays(days);
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 900).setOnboardingDate(opened).build());
        }

        /** Money from several people on day 0, then on day 1 a cash withdrawal of a share of it. */
        List<Tx> inThenOut(int people, double outShare) {
            List<Tx> txs = new ArrayList<>();
            double each = Math.ceil(minIn / people) + 50;
            for (int i = 0; i < people; i++) {
                txs.add(Tx.transferIn(A, each, "CY-SENDER-" + i).day(0, i));
            }
            txs.add(Tx.atmWithdrawal(A, each * people * outShare).day(1, 0).terminal("ATM-1", "Limassol"));
            return txs;
        }

        @Test
        void fires_when_a_new_account_passes_other_peoples_money_on() {
            RuleHarness h = openedDaysAgo(10).run(inThenOut(senders, 0.9).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-KYC-05"));
            Signal s = h.signals(A, "HT-KYC-05").get(0);
            assertEquals(senders + 1, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("account opened 11 days ago"), s.getReason());
        }

        @Test
        void silent_for_an_old_account_for_salaries_and_for_rent_paid_on() {
            assertFalse(openedDaysAgo(maxAge).run(inThenOut(senders, 1.0).toArray(Tx[]::new)).fired(A, "HT-KYC-05"));
            List<Tx> salaries = inThenOut(senders, 1.0);
            for (int i = 0; i < senders; i++) {
                salaries.get(i).purpose("SALA");
            }
            assertFalse(openedDaysAgo(10).run(salaries.toArray(Tx[]::new)).fired(A, "HT-KYC-05"), "salaries");
            List<Tx> flatmates = inThenOut(senders, 1.0);
            flatmates.set(senders, Tx.transferOut(A, minIn + 100, "CY-LANDLORD").reference("rent March").day(1, 0));
            assertFalse(openedDaysAgo(10).run(flatmates.toArray(Tx[]::new)).fired(A, "HT-KYC-05"), "rent shares paid on");
        }

        @Test
        void fires_at_the_sender_count_and_the_pass_on_ratio() {
            assertFalse(openedDaysAgo(10).run(inThenOut(senders - 1, 1.0).toArray(Tx[]::new)).fired(A, "HT-KYC-05"),
                    "one sender short");
            assertTrue(openedDaysAgo(10).run(inThenOut(senders, ratio).toArray(Tx[]::new)).firedLast(A, "HT-KYC-05"));
            assertFalse(openedDaysAgo(10).run(inThenOut(senders, ratio - 0.05).toArray(Tx[]::new)).fired(A, "HT-KYC-05"));
            assertTrue(openedDaysAgo(maxAge - 1).run(inThenOut(senders, 1.0).toArray(Tx[]::new)).fired(A, "HT-KYC-05"),
                    "the age limit is inclusive (the withdrawal is on day 1)");
        }
    }

    /** A person's profile that became true a day before T0. */
    static PartyProfile.Builder personSince(String partyId) {
        return Profiles.person(partyId, A, 1500).setUpdatedAt(Tx.T0.minus(Duration.ofDays(1)));
    }

    @Nested
    class Kyc06ManyHolders {
        final int holders = count("HT-KYC-06.min_holders");

        @Test
        void fires_on_the_next_transaction_and_once_per_signal_window() {
            RuleHarness h = RuleHarness.withDefaults().profile(personSince("P-1").setAccountHolderCount(holders).build());
            h.run(groceries(0));
            assertTrue(h.firedLast(A, "HT-KYC-06"));
            assertTrue(h.signals(A, "HT-KYC-06").get(0).getReason()
                    .startsWith("personal account with " + holders + " joint holders"));
            h.run(groceries(1));
            assertFalse(h.firedLast(A, "HT-KYC-06"));
            h.run(groceries(SIGNAL_WINDOW));
            assertTrue(h.firedLast(A, "HT-KYC-06"));
        }

        @Test
        void silent_below_the_count_and_for_business_accounts() {
            assertFalse(RuleHarness.withDefaults().profile(personSince("P-1").setAccountHolderCount(holders - 1).build())
                    .run(groceries(0)).fired(A, "HT-KYC-06"));
            assertFalse(RuleHarness.withDefaults()
                    .profile(Profiles.business("B-1", A, "62.01", 10_000).setAccountHolderCount(holders + 3).build())
                    .run(groceries(0)).fired(A, "HT-KYC-06"));
        }

        @Test
        void fires_exactly_at_the_count_and_follows_an_override() {
            RuleHarness h = RuleHarness.with(java.util.Map.of("HT-KYC-06.min_holders", holders + 1))
                    .profile(personSince("P-1").setAccountHolderCount(holders).build());
            assertFalse(h.run(groceries(0)).fired(A, "HT-KYC-06"));
            assertTrue(RuleHarness.withDefaults().profile(personSince("P-1").setAccountHolderCount(holders).build())
                    .run(groceries(0)).firedLast(A, "HT-KYC-06"));
        }
    }

    @Nested
    class Kyc08AdverseMedia {

        RuleHarness withMedia(String category) {
            return RuleHarness.withDefaults().profile(personSince("P-1").setAdverseMedia(category).build());
        }

        @Test
        void fires_on_the_next_transaction_with_the_category_in_the_reason() {
            RuleHarness h = withMedia("HUMAN_TRAFFICKING").run(groceries(0));
            assertTrue(h.firedLast(A, "HT-KYC-08"));
            assertTrue(h.signals(A, "HT-KYC-08").get(0).getReason().contains("HUMAN_TRAFFICKING"));
            h.run(groceries(1));
            assertFalse(h.firedLast(A, "HT-KYC-08"), "not on every transaction");
            h.run(groceries(SIGNAL_WINDOW));
            assertTrue(h.firedLast(A, "HT-KYC-08"), "renewed while the profile says so");
        }

        @Test
        void silent_for_other_categories_and_without_adverse_media() {
            assertFalse(withMedia("TAX_EVASION").run(groceries(0)).fired(A, "HT-KYC-08"));
            assertFalse(withMedia(null).run(groceries(0)).fired(A, "HT-KYC-08"));
            assertFalse(RuleHarness.withDefaults().run(groceries(0)).fired(A, "HT-KYC-08"));
        }

        @Test
        void every_listed_category_fires_and_alerts_with_a_signal_of_another_family() {
            for (String c : List.of("PIMPING", "MIGRANT_SMUGGLING", "SHAM_MARRIAGE", "human_trafficking")) {
                assertTrue(withMedia(c).run(groceries(0)).firedLast(A, "HT-KYC-08"), c);
            }
            IdentifierLink phone = IdentifierLink.newBuilder().setKind("PHONE").setIdentifier("hash-phone")
                    .setPartyCount(count("HT-NET-01.min_phone_parties")).setAccountCount(3)
                    .setTime(Tx.T0.minus(Duration.ofDays(1)).toEpochMilli()).build();
            List<Alert> alerts = withMedia("PIMPING").link(A, phone).run(groceries(0)).alerts();
            assertFalse(alerts.isEmpty(), "KYC-08 with a NET signal makes an alert");
            assertTrue(withMedia(null).link(A, phone).run(groceries(0)).alerts().isEmpty(), "NET-01 alone does not alert");
        }
    }

    @Nested
    class BenignCustomersStayQuiet {
        final List<String> rules = List.of("HT-NET-01", "HT-NET-03", "HT-NET-05", "HT-KYC-01", "HT-KYC-03",
                "HT-KYC-04", "HT-KYC-05", "HT-KYC-06", "HT-KYC-08");

        void assertQuiet(RuleHarness h) {
            for (String r : rules) {
                assertFalse(h.fired(A, r), r);
            }
        }

        @Test
        void a_salaried_person_with_rent_bills_and_shopping() {
            RuleHarness h = RuleHarness.withDefaults()
                    .profile(Profiles.person("P-1", A, 2000).setDeviceIds(List.of("DEV-PHONE", "DEV-LAPTOP")).build());
            for (int m = 0; m < 3; m++) {
                int d = 30 * m;
                h.run(Tx.transferIn(A, 2000, "CY-EMPLOYER").purpose("SALA").day(d, 0),
                        Tx.transferOut(A, 750, "CY-LANDLORD").reference("rent").device("DEV-PHONE").day(d + 1, 0),
                        Tx.transferOut(A, 180, "CY-MUNI-NICOSIA").counterpartyType(org.htscreen.avro.PartyType.MUNICIPALITY)
                                .device("DEV-LAPTOP").day(d + 2, 0),
                        Tx.card(A, 85, "5411", "Alpha Mega").day(d + 3, 0),
                        Tx.card(A, 40, "5912", "Pharmacy").day(d + 4, 0),
                        Tx.atmWithdrawal(A, 100).day(d + 5, 0).terminal("ATM-1", "Nicosia"));
            }
            assertQuiet(h);
        }

        @Test
        void a_shop_with_card_takings_payroll_and_contributions() {
            RuleHarness h = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.71", 12_000).build());
            for (int m = 0; m < 3; m++) {
                int d = 30 * m;
                for (int w = 0; w < 4; w++) {
                    h.run(Tx.transferIn(A, 3000, "ACQUIRER-SETTLEMENT").day(d + 7 * w, 0));
                }
                h.run(Tx.transferOut(A, 1400, "CY-EMPLOYEE-1").purpose("SALA").day(d + 28, 0),
                        Tx.transferOut(A, 1300, "CY-EMPLOYEE-2").purpose("SALA").day(d + 28, 1),
                        Tx.transferOut(A, 600, SOCIAL_INSURANCE).day(d + 29, 0),
                        Tx.transferOut(A, 250, TAX).day(d + 29, 1),
                        Tx.transferOut(A, 4000, "CY-WHOLESALER").day(d + 10, 0),
                        Tx.card(A, 60, "5411", "Alpha Mega").day(d + 12, 0));
            }
            assertQuiet(h);
        }
    }

    @Nested
    class Kyc09BrideLumpSum {
        final double min = param("HT-KYC-09.min_eur");
        final double max = param("HT-KYC-09.max_eur");
        final int days = (int) param("HT-KYC-09.max_customer_days");

        RuleHarness customer(String nationality, String residence, int daysSinceOnboarding) {
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 600).setNationality(nationality)
                    .setResidenceCountry(residence)
                    .setOnboardingDate(Tx.T0.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(daysSinceOnboarding))
                    .build());
        }

        Tx lumpSum(double amount) {
            return Tx.internal("CY-ACC-FACILITATOR", A, amount).counterparty("CY-ACC-FACILITATOR", "Andreas Georgiou", "CY",
                    PartyType.PERSON);
        }

        @Test
        void fires_for_a_new_non_resident_from_a_bride_country_paid_by_a_private_person() {
            RuleHarness h = customer("PT", "PT", 10).run(lumpSum(1200));
            assertTrue(h.firedLast(A, "HT-KYC-09"));
            assertTrue(h.signals(A, "HT-KYC-09").get(0).getReason().startsWith("customer for 10 days, a PT national living in PT"));
        }

        @Test
        void silent_for_residents_old_customers_other_nationalities_and_salaries() {
            assertFalse(customer("PT", "CY", 10).run(lumpSum(1200)).fired(A, "HT-KYC-09"), "lives here");
            assertFalse(customer("PT", "PT", days + 1).run(lumpSum(1200)).fired(A, "HT-KYC-09"), "not new");
            assertFalse(customer("DE", "DE", 10).run(lumpSum(1200)).fired(A, "HT-KYC-09"), "not a bride country");
            assertFalse(customer("PT", "PT", 10).run(lumpSum(1200).reference("Salary October")).fired(A, "HT-KYC-09"), "salary");
        }

        @Test
        void the_band_and_the_customer_days_are_inclusive() {
            assertTrue(customer("RO", "RO", days).run(lumpSum(min)).firedLast(A, "HT-KYC-09"));
            assertTrue(customer("RO", "RO", 5).run(lumpSum(max)).firedLast(A, "HT-KYC-09"));
            assertFalse(customer("RO", "RO", 5).run(lumpSum(min - 1)).fired(A, "HT-KYC-09"));
            assertFalse(customer("RO", "RO", 5).run(lumpSum(max + 1)).fired(A, "HT-KYC-09"));
        }
    }
}
