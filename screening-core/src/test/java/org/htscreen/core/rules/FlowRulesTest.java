package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** FLOW family (rules/drl/flow.drl): for each rule a positive case, a near miss, and the threshold. */
class FlowRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String SOCIAL_INSURANCE = "CY00SOCIALINSURANCE0000000001";
    private static final String LICENSED_AGENCY = "CY00LICENSEDAGENCY000000000001";

    static Tx[] arr(List<Tx> txs) {
        return txs.toArray(Tx[]::new);
    }

    static Tx salary(double amount, String employer, int day, int hour) {
        return Tx.transferIn(A, amount, employer).purpose("SALA").counterpartyType(PartyType.BUSINESS).day(day, hour);
    }

    static RuleHarness person(double income) {
        return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, income).build());
    }

    static RuleHarness migrant(ResidencePermit permit, double income) {
        return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, income).setResidencePermit(permit).build());
    }

    static final String[] FLOW_RULES = {"HT-FLOW-01", "HT-FLOW-03", "HT-FLOW-04", "HT-FLOW-05", "HT-FLOW-06",
        "HT-FLOW-07", "HT-FLOW-08", "HT-FLOW-09", "HT-FLOW-10", "HT-FLOW-11"};

    static void quiet(RuleHarness h) {
        for (String id : FLOW_RULES) {
            assertFalse(h.fired(A, id), id + " fired on a benign customer: " + h.signals(A, id));
        }
    }

    @Nested
    class BenignCustomers {

        @Test
        void a_salaried_person_with_rent_bills_and_friends_stays_quiet() {
            RuleHarness h = person(2500);
            for (int m = 0; m < 3; m++) {
                int d = 30 * m;
                h.run(salary(2500, "EMPLOYER-1", d, 0),
                        Tx.transferOut(A, 900, "LANDLORD-1").reference("rent").day(d, 5),
                        Tx.transferOut(A, 80, "EAC").reference("electricity bill").day(d + 2, 0),
                        Tx.card(A, 120, "5411", "Supermarket").day(d + 3, 0),
                        Tx.transferOut(A, 25, "FRIEND-1").channel(Channel.INSTANT_PAYMENT).day(d + 5, 0),
                        Tx.transferIn(A, 25, "FRIEND-2").channel(Channel.INSTANT_PAYMENT).reference("dinner").day(d + 6, 0),
                        Tx.transferOut(A, 25, "FRIEND-2").channel(Channel.INSTANT_PAYMENT).day(d + 7, 0),
                        Tx.atmWithdrawal(A, 200).terminal("ATM-1", "Nicosia").day(d + 10, 0));
            }
            quiet(h);
        }

        @Test
        void a_domestic_worker_paid_properly_and_sending_money_home_stays_quiet() {
            RuleHarness h = migrant(ResidencePermit.DOMESTIC_WORKER, 400)
                    .run(Tx.transferOut(A, 200, LICENSED_AGENCY).counterpartyType(PartyType.EMPLOYMENT_AGENCY).day(0, 0));
            for (int m = 0; m < 3; m++) {
                int d = 30 * m;
                h.run(salary(400, "EMPLOYER-1", d, 0),
                        Tx.transferOut(A, 300, "FAMILY-1").channel(Channel.MONEY_REMITTANCE).counterpartyCountry("NP")
                                .reference("family support").day(d + 1, 0),
                        Tx.card(A, 40, "4814", "Cyta top-up").day(d + 2, 0),
                        Tx.atmWithdrawal(A, 60).terminal("ATM-1", "Limassol").day(d + 8, 0));
            }
            quiet(h);
        }

        @Test
        void a_student_with_an_allowance_tuition_and_a_part_time_job_stays_quiet() {
            RuleHarness h = migrant(ResidencePermit.STUDENT, 0)
                    .run(Tx.card(A, 3500, "8220", "University of Nicosia").day(0, 2));
            for (int m = 0; m < 3; m++) {
                int d = 30 * m;
                h.run(Tx.transferIn(A, 600, "PARENT-1").channel(Channel.SWIFT_TRANSFER).counterpartyCountry("IN")
                                .reference("living expenses").day(d, 0),
                        salary(400, "CAFE-1", d + 14, 0),
                        Tx.card(A, 30, "5814", "Fast food").day(d + 3, 0),
                        Tx.transferOut(A, 300, "LANDLORD-1").reference("room rent").day(d + 15, 0));
            }
            quiet(h);
        }

        @Test
        void a_hotel_and_a_payroll_account_stay_quiet() {
            RuleHarness hotel = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "55.10", 40_000).build());
            for (int i = 0; i < 30; i++) {
                hotel.run(Tx.transferIn(A, 1_500, "ACQUIRER-SETTLEMENT").day(i, 0),
                        Tx.transferIn(A, 120, "GUEST-" + i).reference("booking " + i).day(i, 3));
            }
            quiet(hotel);

            RuleHarness payroll = RuleHarness.withDefaults().profile(Profiles.business("B-2", A, "41.20", 60_000).build());
            for (int m = 0; m < 2; m++) {
                for (int w = 0; w < 8; w++) {
                    payroll.run(Tx.transferOut(A, 1_100, "EMPLOYEE-" + w).purpose("SALA").day(30 * m, w),
                            Tx.transferOut(A, 150, "EMPLOYEE-" + w).reference("expenses").day(30 * m + 10, w));
                }
                payroll.run(Tx.transferOut(A, 1_800, SOCIAL_INSURANCE).day(30 * m + 12, 0));
            }
            quiet(payroll);
        }
    }

    @Nested
    class Flow01FanIn {
        final int n = count("HT-FLOW-01.min_senders");
        final double low = param("HT-FLOW-01.min_median_eur");
        final double high = param("HT-FLOW-01.max_median_eur");

        /** n new senders paying the account an amount each, a few hours apart. */
        List<Tx> senders(int count, double amount) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.transferIn(A, amount, "SENDER-" + i).channel(Channel.INSTANT_PAYMENT).day(i, 20));
            }
            return txs;
        }

        @Test
        void fires_on_many_new_senders_paying_small_sums() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(senders(n, 150)));
            assertTrue(h.firedLast(A, "HT-FLOW-01"));
            Signal s = h.signals(A, "HT-FLOW-01").get(0);
            assertEquals(n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " senders with no earlier relationship"), s.getReason());
        }

        @Test
        void silent_when_the_senders_are_known_or_paid_back_or_amounts_are_large() {
            RuleHarness known = RuleHarness.withDefaults();
            int before = (int) param("HT-FLOW-01.window_days") + 5;
            for (int i = 0; i < n; i++) {
                known.run(Tx.transferOut(A, 40, "SENDER-" + i).day(-before, i));
            }
            known.run(arr(senders(n + 2, 150)));
            assertFalse(known.fired(A, "HT-FLOW-01"), "senders paid by the holder before the window are related");

            RuleHarness splitBills = RuleHarness.withDefaults();
            List<Tx> in = senders(n + 2, 150);
            for (int i = 0; i < in.size(); i++) {
                splitBills.run(Tx.transferOut(A, 30, "SENDER-" + i).day(i, 1), in.get(i));
            }
            assertFalse(splitBills.fired(A, "HT-FLOW-01"), "senders the holder also pays (friends splitting bills)");

            assertFalse(RuleHarness.withDefaults().run(arr(senders(n + 2, high + 100))).fired(A, "HT-FLOW-01"));
            assertFalse(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "43.22", 30_000).build())
                    .run(arr(senders(n + 2, 150))).fired(A, "HT-FLOW-01"), "a business receiving customer payments");
        }

        @Test
        void fires_exactly_at_the_sender_count_and_inside_the_amount_band() {
            List<Tx> txs = senders(n, 150);
            RuleHarness h = RuleHarness.withDefaults().run(arr(txs.subList(0, n - 1)));
            assertFalse(h.fired(A, "HT-FLOW-01"), "one sender short");
            assertTrue(h.run(txs.get(n - 1)).firedLast(A, "HT-FLOW-01"));

            assertTrue(RuleHarness.withDefaults().run(arr(senders(n, high))).fired(A, "HT-FLOW-01"));
            assertFalse(RuleHarness.withDefaults().run(arr(senders(n, high + 1))).fired(A, "HT-FLOW-01"));
            assertTrue(RuleHarness.withDefaults().run(arr(senders(n, low))).fired(A, "HT-FLOW-01"));
            assertFalse(RuleHarness.withDefaults().run(arr(senders(n, low - 1))).fired(A, "HT-FLOW-01"));
        }
    }

    @Nested
    class Flow03EscortText {
        final int escort = count("HT-FLOW-03.min_escort_text");
        final int alias = count("HT-FLOW-03.min_alias");

        Tx escortPayment(int day) {
            return Tx.transferIn(A, 200, "PAYER-" + day).channel(Channel.INSTANT_PAYMENT).reference("outcall escort tonight").day(day, 22);
        }

        Tx aliasPayment(int day) {
            return Tx.transferIn(A, 200, "PAYER-" + day).channel(Channel.INSTANT_PAYMENT)
                    .reference("to anna.k@mail.com (Bunny)").day(day, 22);
        }

        @Test
        void fires_on_repeated_escort_text_in_references() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < escort; i++) {
                h.run(escortPayment(i));
            }
            assertTrue(h.firedLast(A, "HT-FLOW-03"));
            Signal s = h.signals(A, "HT-FLOW-03").get(0);
            assertTrue(s.getReason().startsWith(escort + " transfers with escort-related"), s.getReason());
            assertEquals(escort, s.getEvidenceTxIds().size());
        }

        @Test
        void silent_for_ordinary_references_and_for_card_payments() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < escort - 1; i++) {
                h.run(escortPayment(i));
            }
            for (int i = 0; i < 5; i++) {
                h.run(Tx.transferIn(A, 50, "FRIEND-" + i).reference("dinner on friday").day(10 + i, 0));
                h.run(Tx.card(A, 45, "7298", "Thai massage spa").reference("massage").day(10 + i, 2));
            }
            assertFalse(h.fired(A, "HT-FLOW-03"));
        }

        @Test
        void fires_at_the_counts_and_an_alias_needs_more_repetitions() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < escort - 1; i++) {
                h.run(escortPayment(i));
            }
            assertFalse(h.fired(A, "HT-FLOW-03"));
            assertTrue(h.run(escortPayment(escort)).firedLast(A, "HT-FLOW-03"));

            RuleHarness a = RuleHarness.withDefaults();
            for (int i = 0; i < alias - 1; i++) {
                a.run(aliasPayment(i));
            }
            assertFalse(a.fired(A, "HT-FLOW-03"), "one alias short");
            assertTrue(a.run(aliasPayment(alias)).firedLast(A, "HT-FLOW-03"));
        }
    }

    @Nested
    class Flow04PaysManyWorkers {
        final int workers = count("HT-FLOW-04.min_beneficiaries");
        final int each = count("HT-FLOW-04.min_payments_each");

        List<Tx> payments(int people, int times) {
            List<Tx> txs = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                for (int w = 0; w < people; w++) {
                    txs.add(Tx.transferOut(A, 250, "WORKER-" + w).counterpartyType(PartyType.PERSON).day(7 * t, w));
                }
            }
            return txs;
        }

        @Test
        void fires_when_several_people_are_paid_repeatedly_without_payroll() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(payments(workers, each)));
            assertTrue(h.firedLast(A, "HT-FLOW-04"));
            Signal s = h.signals(A, "HT-FLOW-04").get(0);
            assertEquals(workers * each, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(workers + " private people were each paid"), s.getReason());
        }

        @Test
        void silent_for_an_employer_paying_social_insurance_and_for_bills() {
            RuleHarness employer = RuleHarness.withDefaults()
                    .run(Tx.transferOut(A, 900, SOCIAL_INSURANCE).day(0, 0))
                    .run(arr(payments(workers + 2, each + 1)));
            assertFalse(employer.fired(A, "HT-FLOW-04"));

            RuleHarness household = RuleHarness.withDefaults();
            for (int t = 0; t < each + 1; t++) {
                for (int w = 0; w < workers + 1; w++) {
                    household.run(Tx.transferOut(A, 80, "UTILITY-" + w).reference("electricity bill").day(7 * t, w));
                }
            }
            assertFalse(household.fired(A, "HT-FLOW-04"));
        }

        @Test
        void fires_when_the_last_beneficiary_reaches_the_repeat_count() {
            List<Tx> txs = payments(workers, each);
            RuleHarness h = RuleHarness.withDefaults().run(arr(txs.subList(0, txs.size() - 1)));
            assertFalse(h.fired(A, "HT-FLOW-04"), "the last worker paid only once so far");
            assertTrue(h.run(txs.get(txs.size() - 1)).firedLast(A, "HT-FLOW-04"));
        }
    }

    @Nested
    class Flow05SingleFunder {
        final int inflows = count("HT-FLOW-05.min_inflows");
        final double share = param("HT-FLOW-05.min_share");

        List<Tx> allowance(int count, double amount) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.transferIn(A, amount, "FUNDER-1").channel(Channel.INSTANT_PAYMENT).day(7 * i + 1, 0));
            }
            return txs;
        }

        @Test
        void fires_when_one_person_funds_the_account() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(allowance(inflows, 200)));
            assertTrue(h.firedLast(A, "HT-FLOW-05"));
            Signal s = h.signals(A, "HT-FLOW-05").get(0);
            assertTrue(s.getReason().startsWith("100% of credits"), s.getReason());
            assertEquals(inflows, s.getEvidenceTxIds().size());
        }

        @Test
        void silent_for_a_salaried_person_and_when_the_holder_pays_in_own_money() {
            RuleHarness salaried = RuleHarness.withDefaults().run(salary(1500, "EMPLOYER-1", 0, 0))
                    .run(arr(allowance(inflows + 2, 200)));
            assertFalse(salaried.fired(A, "HT-FLOW-05"));

            RuleHarness ownCash = RuleHarness.withDefaults()
                    .run(Tx.cashDeposit(A, 20).terminal("ATM-1", "Nicosia").day(0, 0))
                    .run(arr(allowance(inflows + 2, 200)));
            assertFalse(ownCash.fired(A, "HT-FLOW-05"));

            RuleHarness monthly = RuleHarness.withDefaults().run(
                    Tx.transferIn(A, 400, "PARENT-1").day(0, 0), Tx.transferIn(A, 400, "PARENT-1").day(30, 0));
            assertFalse(monthly.fired(A, "HT-FLOW-05"), "a monthly allowance");

            RuleHarness hotel = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "55.10", 40_000).build());
            for (int i = 0; i < inflows + 5; i++) {
                hotel.run(Tx.transferIn(A, 2_000, "ACQUIRER-SETTLEMENT").day(i, 0));
            }
            assertFalse(hotel.fired(A, "HT-FLOW-05"), "a hotel's card takings settled by one acquirer");
        }

        @Test
        void fires_at_the_inflow_count_and_the_share() {
            List<Tx> txs = allowance(inflows, 200);
            RuleHarness h = RuleHarness.withDefaults().run(arr(txs.subList(0, inflows - 1)));
            assertFalse(h.fired(A, "HT-FLOW-05"));
            assertTrue(h.run(txs.get(inflows - 1)).firedLast(A, "HT-FLOW-05"));

            double funded = 225 * inflows;
            double other = Math.round(funded * (1 - share) / share);
            assertTrue(RuleHarness.withDefaults().run(Tx.transferIn(A, other, "OTHER-1").day(0, 0))
                    .run(arr(allowance(inflows, 225))).firedLast(A, "HT-FLOW-05"));
            assertFalse(RuleHarness.withDefaults().run(Tx.transferIn(A, other + 1, "OTHER-1").day(0, 0))
                    .run(arr(allowance(inflows, 225))).fired(A, "HT-FLOW-05"));
        }
    }

    @Nested
    class Flow06PooledWages {
        final int employers = count("HT-FLOW-06.min_employers");
        final int sameRun = count("HT-FLOW-06.min_same_run");
        final double runDays = param("HT-FLOW-06.pay_run_days");

        @Test
        void fires_on_salaries_from_several_employers() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < employers; i++) {
                h.run(salary(900, "FARM-" + i, i, 0));
            }
            assertTrue(h.firedLast(A, "HT-FLOW-06"));
            Signal s = h.signals(A, "HT-FLOW-06").get(0);
            assertTrue(s.getReason().startsWith("salary credits from " + employers + " employers"), s.getReason());
            assertEquals(employers, s.getEvidenceTxIds().size());
        }

        @Test
        void silent_for_two_jobs_with_a_thirteenth_salary_and_for_weekly_pay() {
            RuleHarness twoJobs = RuleHarness.withDefaults().run(
                    salary(1200, "EMPLOYER-1", 0, 0), salary(1200, "EMPLOYER-1", 0, 1), salary(400, "EMPLOYER-2", 2, 0),
                    salary(1200, "EMPLOYER-1", 28, 0), salary(400, "EMPLOYER-2", 30, 0));
            assertFalse(twoJobs.fired(A, "HT-FLOW-06"));

            RuleHarness weekly = RuleHarness.withDefaults();
            for (int i = 0; i < 8; i++) {
                weekly.run(salary(300, "EMPLOYER-1", 7 * i, 0));
            }
            assertFalse(weekly.fired(A, "HT-FLOW-06"));
        }

        @Test
        void fires_at_the_employer_count_and_on_one_pay_run() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < employers - 1; i++) {
                h.run(salary(900, "FARM-" + i, i, 0));
            }
            assertFalse(h.fired(A, "HT-FLOW-06"), "one employer short");
            assertTrue(h.run(salary(900, "FARM-x", employers, 0)).firedLast(A, "HT-FLOW-06"));

            long spanHours = Math.round(runDays * 24);
            RuleHarness run = RuleHarness.withDefaults();
            for (int i = 0; i < sameRun; i++) {
                run.run(salary(700, "BUILDER-1", 0, (int) (spanHours * i / (sameRun - 1))));
            }
            assertTrue(run.firedLast(A, "HT-FLOW-06"), "several salaries from one employer within the pay run");
            RuleHarness spread = RuleHarness.withDefaults();
            for (int i = 0; i < sameRun; i++) {
                spread.run(salary(700, "BUILDER-1", 0, (int) ((spanHours + 1) * i)));
            }
            assertFalse(spread.fired(A, "HT-FLOW-06"), "the same salaries spread over more than the pay run");
        }
    }

    @Nested
    class Flow07WageCycling {
        final int periods = count("HT-FLOW-07.min_periods");
        final double ratio = param("HT-FLOW-07.min_ratio");
        final double hours = param("HT-FLOW-07.max_hours");

        /** Monthly salary of 1000, each followed after a delay by transfers of an amount to the same person. */
        List<Tx> cycles(int months, double outAmount, int delayHours) {
            List<Tx> txs = new ArrayList<>();
            for (int m = 0; m < months; m++) {
                txs.add(salary(1000, "EMPLOYER-1", 30 * m, 0));
                txs.add(Tx.transferOut(A, outAmount, "RECRUITER-1").day(30 * m, delayHours));
            }
            return txs;
        }

        @Test
        void fires_when_most_of_the_salary_goes_to_one_person_in_several_periods() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(cycles(periods, 800, 5)));
            assertTrue(h.firedLast(A, "HT-FLOW-07"));
            Signal s = h.signals(A, "HT-FLOW-07").get(0);
            assertTrue(s.getReason().startsWith("in " + periods + " pay periods"), s.getReason());
            assertEquals(2 * periods, s.getEvidenceTxIds().size());
            assertFalse(h.run(Tx.card(A, 20, "5411", "Grocer").day(30 * (periods - 1), 8)).firedLast(A, "HT-FLOW-07"),
                    "fires on the debit that completes the cycle, not on later ones");
        }

        @Test
        void silent_for_rent_savings_and_slow_or_partial_transfers() {
            RuleHarness rent = RuleHarness.withDefaults();
            for (int m = 0; m < periods + 1; m++) {
                rent.run(salary(1000, "EMPLOYER-1", 30 * m, 0),
                        Tx.transferOut(A, 800, "LANDLORD-1").reference("rent March").day(30 * m, 5));
            }
            assertFalse(rent.fired(A, "HT-FLOW-07"));

            RuleHarness savings = RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 1000)
                    .setAccountIds(List.of(A, "CY-ACC-SAVINGS")).build());
            for (int m = 0; m < periods + 1; m++) {
                savings.run(salary(1000, "EMPLOYER-1", 30 * m, 0), Tx.transferOut(A, 800, "CY-ACC-SAVINGS").day(30 * m, 5));
            }
            assertFalse(savings.fired(A, "HT-FLOW-07"), "transfers to the holder's own account");

            RuleHarness home = migrant(ResidencePermit.DOMESTIC_WORKER, 400);
            for (int m = 0; m < periods + 1; m++) {
                home.run(salary(400, "EMPLOYER-1", 30 * m, 0), Tx.transferOut(A, 350, "FAMILY-1").channel(Channel.MONEY_REMITTANCE)
                        .counterpartyCountry("NP").day(30 * m, 20));
            }
            assertFalse(home.fired(A, "HT-FLOW-07"), "wages sent home are left to HT-FLOW-09/10");

            assertFalse(RuleHarness.withDefaults().run(arr(cycles(periods + 1, 800, (int) hours + 2))).fired(A, "HT-FLOW-07"));
            assertFalse(RuleHarness.withDefaults().run(arr(cycles(periods + 1, 500, 5))).fired(A, "HT-FLOW-07"));
        }

        @Test
        void fires_at_the_ratio_with_cash_and_at_the_period_count() {
            double atRatio = Math.ceil(ratio * 1000 * 100) / 100;
            RuleHarness cash = RuleHarness.withDefaults();
            for (int m = 0; m < periods; m++) {
                cash.run(salary(1000, "EMPLOYER-1", 30 * m, 0),
                        Tx.atmWithdrawal(A, 400).terminal("ATM-1", "Limassol").day(30 * m, 3),
                        Tx.atmWithdrawal(A, atRatio - 400).terminal("ATM-1", "Limassol").day(30 * m, 6));
            }
            assertTrue(cash.firedLast(A, "HT-FLOW-07"), "cash withdrawals together reaching the ratio");

            RuleHarness below = RuleHarness.withDefaults();
            for (int m = 0; m < periods; m++) {
                below.run(salary(1000, "EMPLOYER-1", 30 * m, 0),
                        Tx.atmWithdrawal(A, 400).terminal("ATM-1", "Limassol").day(30 * m, 3),
                        Tx.atmWithdrawal(A, atRatio - 401).terminal("ATM-1", "Limassol").day(30 * m, 6));
            }
            assertFalse(below.fired(A, "HT-FLOW-07"));

            List<Tx> txs = cycles(periods, 800, 5);
            RuleHarness h = RuleHarness.withDefaults().run(arr(txs.subList(0, txs.size() - 1)));
            assertFalse(h.fired(A, "HT-FLOW-07"), "one period short");
            assertTrue(h.run(txs.get(txs.size() - 1)).firedLast(A, "HT-FLOW-07"));
        }
    }

    @Nested
    class Flow08AgencyFees {
        final double largeFee = param("HT-FLOW-08.large_fee_eur");

        Tx unlicensed(double amount) {
            return Tx.transferOut(A, amount, "CY00JOBSABROADAGENCY00001").counterpartyType(PartyType.EMPLOYMENT_AGENCY).day(3, 0);
        }

        Tx licensed(double amount) {
            return Tx.transferOut(A, amount, LICENSED_AGENCY).counterpartyType(PartyType.EMPLOYMENT_AGENCY).day(3, 0);
        }

        @Test
        void fires_when_a_foreign_worker_pays_an_unlicensed_agency() {
            RuleHarness h = migrant(ResidencePermit.WORK, 900).run(unlicensed(300));
            assertTrue(h.firedLast(A, "HT-FLOW-08"));
            assertTrue(h.signals(A, "HT-FLOW-08").get(0).getReason().contains("an unlicensed employment"));
            RuleHarness student = migrant(ResidencePermit.STUDENT, 0)
                    .run(Tx.transferOut(A, 2500, "CY00STUDYPLACEMENTS000001").reference("placement fee").day(1, 0));
            assertTrue(student.firedLast(A, "HT-FLOW-08"), "a student paying a placement fee named in the reference");
        }

        @Test
        void silent_for_residents_licensed_agencies_and_tuition() {
            assertFalse(person(3000).run(unlicensed(1500)).fired(A, "HT-FLOW-08"), "a household hiring through an agency");
            assertFalse(migrant(ResidencePermit.WORK, 900).run(licensed(300)).fired(A, "HT-FLOW-08"));
            assertFalse(migrant(ResidencePermit.STUDENT, 0).run(Tx.card(A, 3500, "8220", "University of Nicosia").day(1, 0))
                    .fired(A, "HT-FLOW-08"), "tuition to a university");
            assertFalse(RuleHarness.withDefaults().run(unlicensed(300)).fired(A, "HT-FLOW-08"), "no profile: permit unknown");
        }

        @Test
        void a_large_fee_from_a_domestic_worker_counts_even_for_a_licensed_agency() {
            assertTrue(migrant(ResidencePermit.DOMESTIC_WORKER, 400).run(licensed(largeFee)).firedLast(A, "HT-FLOW-08"));
            assertFalse(migrant(ResidencePermit.DOMESTIC_WORKER, 400).run(licensed(largeFee - 1)).fired(A, "HT-FLOW-08"));
            assertFalse(migrant(ResidencePermit.WORK, 900).run(licensed(largeFee + 500)).fired(A, "HT-FLOW-08"),
                    "the large-fee clause is for domestic workers");
        }
    }

    @Nested
    class Flow09ConduitWages {
        final int n = count("HT-FLOW-09.min_transfers");
        final double share = param("HT-FLOW-09.min_share_of_salary");

        Tx wire(double amount, String country, int day) {
            return Tx.transferOut(A, amount, "BENEF-" + country).channel(Channel.SWIFT_TRANSFER).counterpartyCountry(country).day(day, 2);
        }

        @Test
        void fires_when_frequent_wires_to_conduit_countries_eat_the_salary() {
            RuleHarness h = person(1000).run(salary(1000, "EMPLOYER-1", 0, 0));
            for (int i = 0; i < n; i++) {
                h.run(wire(900.0 / n, "NP", 1 + 3 * i));
            }
            assertTrue(h.firedLast(A, "HT-FLOW-09"));
            Signal s = h.signals(A, "HT-FLOW-09").get(0);
            assertTrue(s.getReason().startsWith(n + " transfers to HT-conduit countries"), s.getReason());
            assertEquals(n, s.getEvidenceTxIds().size());
        }

        @Test
        void silent_for_a_monthly_remittance_home_and_for_other_countries() {
            RuleHarness home = person(450);
            for (int m = 0; m < 3; m++) {
                home.run(salary(450, "EMPLOYER-1", 30 * m, 0), wire(400, "NP", 30 * m + 1));
            }
            assertFalse(home.fired(A, "HT-FLOW-09"));
            RuleHarness eu = person(1000).run(salary(1000, "EMPLOYER-1", 0, 0));
            for (int i = 0; i < n + 1; i++) {
                eu.run(wire(300, "DE", 1 + i));
            }
            assertFalse(eu.fired(A, "HT-FLOW-09"));
        }

        @Test
        void fires_at_the_share_and_the_count() {
            double salary = 1500;
            double each = Math.round(salary * share / n * 100) / 100.0;
            RuleHarness h = person(1500).run(salary(salary, "EMPLOYER-1", 0, 0));
            for (int i = 0; i < n - 1; i++) {
                h.run(wire(each, "NP", 1 + i));
            }
            assertFalse(h.fired(A, "HT-FLOW-09"), "one transfer short");
            assertTrue(h.run(wire(each, "NP", 1 + n)).firedLast(A, "HT-FLOW-09"));

            RuleHarness below = person(1500).run(salary(salary, "EMPLOYER-1", 0, 0));
            for (int i = 0; i < n - 1; i++) {
                below.run(wire(each, "NP", 1 + i));
            }
            assertFalse(below.run(wire(each - 1, "NP", 1 + n)).fired(A, "HT-FLOW-09"), "just below the share");
        }
    }

    @Nested
    class Flow10RemitterSends {
        final int n = count("HT-FLOW-10.min_sends");
        final double max = param("HT-FLOW-10.max_amount_eur");
        final int countries = count("HT-FLOW-10.max_countries");

        Tx send(double amount, String country, int day) {
            return Tx.transferOut(A, amount, "REMITTER-1").channel(Channel.MONEY_REMITTANCE).counterpartyCountry(country).day(day, 4);
        }

        @Test
        void fires_on_many_small_remittances_to_one_risk_country() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(send(150, "NG", 4 * i));
            }
            assertTrue(h.firedLast(A, "HT-FLOW-10"));
            Signal s = h.signals(A, "HT-FLOW-10").get(0);
            assertTrue(s.getReason().startsWith(n + " money-remitter sends"), s.getReason());
            assertEquals(n, s.getEvidenceTxIds().size());
        }

        @Test
        void silent_for_a_weekly_send_home_and_for_scattered_destinations() {
            RuleHarness weekly = RuleHarness.withDefaults();
            for (int i = 0; i < 9; i++) {
                weekly.run(send(120, "NP", 7 * i));
            }
            assertFalse(weekly.fired(A, "HT-FLOW-10"));

            String[] spread = {"NP", "BD", "PH", "IN", "LK", "VN"};
            RuleHarness many = RuleHarness.withDefaults();
            for (int i = 0; i < n + 1; i++) {
                many.run(send(150, spread[i % (countries + 1)], 3 * i));
            }
            assertFalse(many.fired(A, "HT-FLOW-10"), "more destination countries than allowed");
        }

        @Test
        void fires_at_the_count_and_only_below_the_amount_limit() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n - 1; i++) {
                h.run(send(150, "NG", 4 * i));
            }
            assertFalse(h.fired(A, "HT-FLOW-10"));
            assertFalse(h.run(send(max, "NG", 4 * n)).fired(A, "HT-FLOW-10"), "a send at the limit is not small");
            assertTrue(h.run(send(max - 1, "NG", 4 * n + 1)).firedLast(A, "HT-FLOW-10"));
        }
    }

    @Nested
    class Flow11VaguePurposes {
        final double k = param("HT-FLOW-11.income_multiple");
        final double floor = param("HT-FLOW-11.income_floor_eur");

        Tx inbound(double amount, String country, String reference) {
            return Tx.transferIn(A, amount, "SENDER-1").channel(Channel.SWIFT_TRANSFER).counterpartyCountry(country)
                    .reference(reference).day(2, 0);
        }

        @Test
        void fires_on_a_large_living_expenses_transfer_from_a_victim_source_country() {
            RuleHarness h = person(1000).run(inbound(k * 1000 + 500, "IN", "living expenses"));
            assertTrue(h.firedLast(A, "HT-FLOW-11"));
            assertTrue(h.signals(A, "HT-FLOW-11").get(0).getReason().startsWith("receipt of EUR " + SignalSink.format(k * 1000 + 500) + " from IN"),
                    h.signals(A, "HT-FLOW-11").get(0).getReason());
            RuleHarness out = person(1000).run(Tx.transferOut(A, k * 1000 + 500, "RECIPIENT-1").channel(Channel.SWIFT_TRANSFER)
                    .counterpartyCountry("RO").reference("loan repayment").day(2, 0));
            assertTrue(out.firedLast(A, "HT-FLOW-11"));
        }

        @Test
        void silent_for_a_domestic_worker_sending_family_support_and_for_other_cases() {
            RuleHarness dw = migrant(ResidencePermit.DOMESTIC_WORKER, 400).run(Tx.transferOut(A, 350, "FAMILY-1")
                    .channel(Channel.MONEY_REMITTANCE).counterpartyCountry("NP").reference("family support").day(2, 0));
            assertFalse(dw.fired(A, "HT-FLOW-11"));
            assertFalse(person(1000).run(inbound(k * 1000 + 500, "DE", "living expenses")).fired(A, "HT-FLOW-11"));
            assertFalse(person(1000).run(inbound(k * 1000 + 500, "IN", "invoice 2026-114")).fired(A, "HT-FLOW-11"));
            assertFalse(RuleHarness.withDefaults().run(inbound(k * 1000 + 500, "IN", "living expenses")).fired(A, "HT-FLOW-11"),
                    "income unknown");
        }

        @Test
        void the_amount_must_exceed_the_income_multiple_with_a_floor() {
            assertFalse(person(1000).run(inbound(k * 1000, "IN", "tuition")).fired(A, "HT-FLOW-11"));
            assertTrue(person(1000).run(inbound(k * 1000 + 1, "IN", "tuition")).firedLast(A, "HT-FLOW-11"));
            assertFalse(person(0).run(inbound(k * floor, "VN", "gift")).fired(A, "HT-FLOW-11"), "zero income uses the floor");
            assertTrue(person(0).run(inbound(k * floor + 1, "VN", "gift")).firedLast(A, "HT-FLOW-11"));
            assertFalse(RuleHarness.with(Map.of("HT-FLOW-11.income_multiple", k + 1)).profile(Profiles.person("P-1", A, 1000).build())
                    .run(inbound(k * 1000 + 1, "IN", "tuition")).fired(A, "HT-FLOW-11"), "follows an override");
        }
    }

    @Nested
    class Flow12FanInThenFanOut {
        final int senders = count("HT-FLOW-12.min_senders");
        final int receivers = count("HT-FLOW-12.min_receivers");
        final double ratio = param("HT-FLOW-12.min_out_ratio");

        /** n senders pay 500 each on day 0-1, then m receivers get the given share of it on day 3. */
        List<Tx> hub(int n, int m, double share, String reference) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.transferIn(A, 500, "EE-SENDER-" + i).day(i % 2, i).reference(reference));
            }
            for (int i = 0; i < m; i++) {
                txs.add(Tx.transferOut(A, Math.floor(500.0 * n * share / m * 100) / 100, "AE-RECEIVER-" + i).day(3, i));
            }
            return txs;
        }

        @Test
        void fires_when_many_senders_pay_in_and_many_receivers_are_paid() {
            RuleHarness h = RuleHarness.withDefaults().run(hub(senders, receivers, 0.95, null).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-FLOW-12"));
            assertTrue(h.signals(A, "HT-FLOW-12").get(0).getReason().contains("in from " + senders + " senders"));
        }

        @Test
        void silent_for_rent_a_business_and_one_receiver_short() {
            assertFalse(RuleHarness.withDefaults().run(hub(senders, receivers, 0.95, "Rent 10/2026").toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-12"), "tenants paying rent");
            assertFalse(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "46.90", 100_000).build())
                    .run(hub(senders, receivers, 0.95, null).toArray(Tx[]::new)).fired(A, "HT-FLOW-12"), "a trading firm");
            assertFalse(RuleHarness.withDefaults().run(hub(senders, receivers - 1, 0.95, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-12"), "one receiver short");
            assertFalse(RuleHarness.withDefaults().run(hub(senders - 1, receivers, 0.95, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-12"), "one sender short");
        }

        @Test
        void the_out_ratio_is_inclusive() {
            assertTrue(RuleHarness.withDefaults().run(hub(senders, receivers, ratio + 0.001, null).toArray(Tx[]::new))
                    .firedLast(A, "HT-FLOW-12"));
            assertFalse(RuleHarness.withDefaults().run(hub(senders, receivers, ratio - 0.02, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-12"));
        }
    }

    @Nested
    class Flow13PassThrough {
        final int n = count("HT-FLOW-13.min_pass_throughs");
        final double min = param("HT-FLOW-13.min_amount_eur");
        final double ratio = param("HT-FLOW-13.min_ratio");
        final int hours = (int) param("HT-FLOW-13.max_hours");

        /** count large credits from a stranger, each passed on after some hours in two transfers. */
        List<Tx> chain(int count, double amount, double share, int afterHours, String purpose) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Tx in = Tx.transferIn(A, amount, "CY-ACC-PREV").day(7 * i, 0);
                txs.add(purpose == null ? in : in.purpose(purpose));
                double half = Math.ceil(amount * share / 2 * 100) / 100;
                txs.add(Tx.transferOut(A, half, "CY-ACC-NEXT-1").day(7 * i, afterHours - 1));
                txs.add(Tx.transferOut(A, half, "CY-ACC-NEXT-2").day(7 * i, afterHours));
            }
            return txs;
        }

        @Test
        void fires_when_large_credits_are_passed_on_by_transfer_within_hours() {
            RuleHarness h = RuleHarness.withDefaults().run(chain(n, 5000, 0.97, 20, null).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-FLOW-13"));
            assertEquals(3 * n, h.signals(A, "HT-FLOW-13").get(0).getEvidenceTxIds().size());
        }

        @Test
        void silent_for_salary_small_credits_and_money_that_stays() {
            assertFalse(RuleHarness.withDefaults().run(chain(n + 1, 5000, 0.97, 20, "SALA").toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-13"), "salary");
            assertFalse(RuleHarness.withDefaults().run(chain(n + 1, min - 1, 0.97, 20, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-13"), "below the amount");
            assertFalse(RuleHarness.withDefaults().run(chain(n + 1, 5000, 0.97, hours + 1, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-13"), "left after the hours");
            assertFalse(RuleHarness.withDefaults().run(chain(n - 1, 5000, 0.97, 20, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-13"), "one pass-through short");
        }

        @Test
        void the_ratio_and_the_hours_are_inclusive() {
            assertTrue(RuleHarness.withDefaults().run(chain(n, 5000, ratio, hours, null).toArray(Tx[]::new))
                    .firedLast(A, "HT-FLOW-13"));
            assertFalse(RuleHarness.withDefaults().run(chain(n, 5000, ratio - 0.02, hours, null).toArray(Tx[]::new))
                    .fired(A, "HT-FLOW-13"));
        }
    }

    @Nested
    class Flow14RoundTrip {
        final int n = count("HT-FLOW-14.min_round_trips");
        final double min = param("HT-FLOW-14.min_amount_eur");
        final double difference = param("HT-FLOW-14.max_difference");
        final int days = (int) param("HT-FLOW-14.max_days");

        /** count sums paid to the next account of a ring, each coming back (share of it) after some days from {@code back}. */
        List<Tx> ring(int count, double amount, double share, int afterDays, String next, String back) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                txs.add(Tx.transferOut(A, amount, next).reference("Consulting").day(12 * i, 0));
                txs.add(Tx.transferIn(A, Math.round(amount * share * 100) / 100.0, back).reference("Invoice").day(12 * i + afterDays, 0));
            }
            return txs;
        }

        @Test
        void fires_when_large_sums_paid_out_come_back_from_someone_else() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(ring(n, 6000, 0.93, 3, "CY-ACC-NEXT", "CY-ACC-LAST")));
            assertTrue(h.firedLast(A, "HT-FLOW-14"));
            Signal s = h.signals(A, "HT-FLOW-14").get(0);
            assertEquals(2 * n, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " transfers of at least EUR"), s.getReason());
        }

        @Test
        void silent_for_a_loan_paid_back_a_business_small_sums_late_or_different_returns_and_one_trip_short() {
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n + 1, 6000, 0.93, 3, "CY-ACC-FRIEND", "CY-ACC-FRIEND")))
                    .fired(A, "HT-FLOW-14"), "a loan paid back by the borrower");
            assertFalse(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "46.90", 100_000).build())
                    .run(arr(ring(n + 1, 6000, 0.93, 3, "CY-ACC-NEXT", "CY-ACC-LAST"))).fired(A, "HT-FLOW-14"), "a trading firm");
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n + 1, min - 1, 0.93, 3, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .fired(A, "HT-FLOW-14"), "below the amount");
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n + 1, 6000, 0.93, days + 1, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .fired(A, "HT-FLOW-14"), "came back too late");
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n + 1, 6000, 1 - difference - 0.05, 3, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .fired(A, "HT-FLOW-14"), "a different amount came in");
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n - 1, 6000, 0.93, 3, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .fired(A, "HT-FLOW-14"), "one round trip short");
            List<Tx> salary = new ArrayList<>();
            for (int i = 0; i < n + 1; i++) {
                salary.add(Tx.transferOut(A, 3000, "CY-ACC-NEXT").day(12 * i, 0));
                salary.add(salary(2900, "EMPLOYER-1", 12 * i + 3, 0));
            }
            assertFalse(RuleHarness.withDefaults().run(arr(salary)).fired(A, "HT-FLOW-14"), "salary after a payment");
        }

        @Test
        void the_amount_the_difference_and_the_days_are_inclusive() {
            assertTrue(RuleHarness.withDefaults().run(arr(ring(n, min, 1 - difference, days, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .firedLast(A, "HT-FLOW-14"));
            assertTrue(RuleHarness.withDefaults().run(arr(ring(n, 6000, 1 + difference, 3, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .firedLast(A, "HT-FLOW-14"), "a little more back counts too");
            assertFalse(RuleHarness.withDefaults().run(arr(ring(n, 6000, 1 + difference + 0.01, 3, "CY-ACC-NEXT", "CY-ACC-LAST")))
                    .fired(A, "HT-FLOW-14"));
        }
    }

    @Nested
    class Flow15Gathering {
        final int n = count("HT-FLOW-15.min_gatherings");
        final int payers = count("HT-FLOW-15.min_payers");
        final double total = param("HT-FLOW-15.min_total_eur");
        final int hours = (int) param("HT-FLOW-15.max_hours");
        final double recurring = param("HT-FLOW-15.recurring_days");

        /** count gatherings everyDays apart: people payers pay total / people each, spreadHours apart. */
        List<Tx> gatherings(int count, int everyDays, int people, double sum, int spreadHours, String reference) {
            List<Tx> txs = new ArrayList<>();
            for (int g = 0; g < count; g++) {
                for (int k = 0; k < people; k++) {
                    Tx in = Tx.transferIn(A, Math.ceil(sum / people * 100) / 100, "CY-ACC-PART-" + k)
                            .day(everyDays * g, spreadHours * k / Math.max(1, people - 1));
                    txs.add(reference == null ? in : in.reference(reference));
                }
            }
            return txs;
        }

        @Test
        void fires_when_several_people_pay_a_large_total_within_hours_again() {
            RuleHarness h = RuleHarness.withDefaults().run(arr(gatherings(n, 9, payers, 12_000, 6, "Repayment")));
            assertTrue(h.firedLast(A, "HT-FLOW-15"));
            Signal s = h.signals(A, "HT-FLOW-15").get(0);
            assertEquals(n * payers, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(n + " times at least " + payers + " private persons"), s.getReason());
        }

        @Test
        void silent_for_rent_tenants_month_after_month_a_business_and_near_misses() {
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n + 1, 9, payers, 12_000, 6, "Rent 10/2026")))
                    .fired(A, "HT-FLOW-15"), "rent");
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n + 1, (int) recurring + 1, payers + 3, 12_000, 6, null)))
                    .fired(A, "HT-FLOW-15"), "the same payers again weeks later (tenants, family)");
            assertFalse(RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "46.90", 100_000).build())
                    .run(arr(gatherings(n + 1, 9, payers, 12_000, 6, null))).fired(A, "HT-FLOW-15"), "a trading firm");
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n + 1, 9, payers - 1, 12_000, 6, null)))
                    .fired(A, "HT-FLOW-15"), "one payer short");
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n + 1, 9, payers, total - 10, 6, null)))
                    .fired(A, "HT-FLOW-15"), "below the total");
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n + 1, 9, payers, 12_000, 2 * hours + 2, null)))
                    .fired(A, "HT-FLOW-15"), "the parts spread over more than the hours");
            assertFalse(RuleHarness.withDefaults().run(arr(gatherings(n - 1, 9, payers, 12_000, 6, null)))
                    .fired(A, "HT-FLOW-15"), "one gathering short");
        }

        @Test
        void the_total_and_the_hours_are_inclusive() {
            assertTrue(RuleHarness.withDefaults().run(arr(gatherings(n, 9, payers, total, hours, null)))
                    .firedLast(A, "HT-FLOW-15"));
        }
    }
}
