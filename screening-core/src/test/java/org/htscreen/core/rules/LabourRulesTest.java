package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** LAB family (rules/drl/lab.drl): for each rule a positive case, a near miss, and the threshold. */
class LabourRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String MIGRATION = "CY00CIVILREGISTRYMIGRATION00001";
    private static final String[] SURNAMES = {"THAPA", "GURUNG", "RAI", "TAMANG", "MAGAR", "SHERPA"};

    /** An airline ticket bought by the account for a passenger in the card-scheme form SURNAME/GIVEN. */
    static Tx ticket(int day, String surname, String given) {
        return Tx.cardOnline(A, 420, "4511", "AEGEAN").day(day, 0).passenger(surname + "/" + given + " MR");
    }

    @Nested
    class Lab01TravelAndPermitCosts {
        final int passengers = count("HT-LAB-01.min_passengers");
        final int fees = count("HT-LAB-01.min_migration_fees");

        List<Tx> tickets(int n) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(ticket(3 * i, SURNAMES[i], "RAM"));
            }
            return txs;
        }

        @Test
        void fires_when_one_payer_buys_tickets_for_several_unrelated_people() {
            RuleHarness h = RuleHarness.withDefaults().run(tickets(passengers).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-LAB-01"));
            Signal s = h.signals(A, "HT-LAB-01").get(0);
            assertEquals(passengers, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().contains(passengers + " different families"), s.getReason());
        }

        @Test
        void silent_for_a_family_holiday_and_for_a_travel_agency() {
            RuleHarness family = RuleHarness.withDefaults();
            String[] given = {"ANDREAS", "MARIA", "NIKOS", "ELENI", "GIORGOS"};
            for (int i = 0; i < given.length; i++) {
                family.run(ticket(0, "PAPADOPOULOS", given[i]));
            }
            assertFalse(family.fired(A, "HT-LAB-01"), "one family counts once");

            RuleHarness agency = RuleHarness.withDefaults()
                    .profile(Profiles.business("B-1", A, "79.11", 40_000).build())
                    .run(tickets(SURNAMES.length).toArray(Tx[]::new));
            assertFalse(agency.fired(A, "HT-LAB-01"), "buying tickets is a travel agency's business");
        }

        @Test
        void fires_exactly_at_the_passenger_count_inside_the_window() {
            List<Tx> txs = tickets(passengers);
            RuleHarness h = RuleHarness.withDefaults().run(txs.subList(0, passengers - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-LAB-01"), "one passenger short");
            assertTrue(h.run(txs.get(passengers - 1)).firedLast(A, "HT-LAB-01"));

            int window = (int) param("HT-LAB-01.ticket_window_days");
            List<Tx> spread = tickets(passengers);
            spread.get(0).day(-window - 1, 0);
            assertFalse(RuleHarness.withDefaults().run(spread.toArray(Tx[]::new)).fired(A, "HT-LAB-01"),
                    "a ticket outside the window does not count");
        }

        @Test
        void fires_on_repeated_permit_fees_and_not_on_a_customers_own_renewals() {
            RuleHarness own = RuleHarness.withDefaults();
            for (int i = 0; i < fees - 1; i++) {
                own.run(Tx.transferOut(A, 150, MIGRATION).day(10 * i, 0).reference("residence permit renewal"));
            }
            assertFalse(own.fired(A, "HT-LAB-01"));
            own.run(Tx.transferOut(A, 150, MIGRATION).day(10 * fees, 0));
            assertTrue(own.firedLast(A, "HT-LAB-01"));
            assertTrue(own.signals(A, "HT-LAB-01").get(0).getReason().contains(fees + " payments to the migration"));
        }
    }

    @Nested
    class Lab03MissingOrLowWages {
        final double noSalaryDays = param("HT-LAB-03.no_salary_days");
        final double reference = param("HT-LAB-03.reference_wage_eur") * param("HT-LAB-03.min_wage_ratio");

        RuleHarness worker() {
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 350)
                    .setNationality("NP").setResidencePermit(ResidencePermit.DOMESTIC_WORKER).build());
        }

        Tx salary(int day, double amount) {
            return Tx.transferIn(A, amount, "CY-EMPLOYER-1").day(day, 0).purpose("SALA");
        }

        Tx spend(int day) {
            return Tx.card(A, 25, "5411", "SUPERMARKET").day(day, 0);
        }

        /** One salary on day 0, then weekly shopping until the given day. */
        RuleHarness oneSalaryThenShopping(RuleHarness h, int lastDay) {
            h.run(salary(0, 350));
            for (int d = 7; d <= lastDay; d += 7) {
                h.run(spend(d));
            }
            return h;
        }

        @Test
        void fires_when_no_salary_arrives_for_months() {
            RuleHarness h = oneSalaryThenShopping(worker(), (int) noSalaryDays + 7);
            assertTrue(h.fired(A, "HT-LAB-03"));
            Signal s = h.signals(A, "HT-LAB-03").get(0);
            assertTrue(s.getReason().startsWith("customer on a DOMESTIC_WORKER permit: no salary credit"), s.getReason());
            assertEquals(1, h.signals(A, "HT-LAB-03").size(), "once per calendar month, not on every transaction");
        }

        @Test
        void silent_for_a_regularly_paid_worker_and_for_a_customer_without_a_work_permit() {
            RuleHarness paid = worker();
            for (int m = 0; m < 3; m++) {
                paid.run(salary(30 * m, 350));
                paid.run(spend(30 * m + 10), spend(30 * m + 20));
            }
            assertFalse(paid.fired(A, "HT-LAB-03"));
            RuleHarness citizen = RuleHarness.withDefaults().profile(Profiles.person("P-2", A, 1800).build());
            assertFalse(oneSalaryThenShopping(citizen, (int) noSalaryDays + 14).fired(A, "HT-LAB-03"));
        }

        @Test
        void the_missing_salary_limit_is_inclusive() {
            Instant limit = Tx.T0.plus(Duration.ofDays((long) noSalaryDays));
            Instant before = limit.minus(Duration.ofDays(25));
            assertNotEquals(before.atZone(ZoneOffset.UTC).getMonth(), limit.atZone(ZoneOffset.UTC).getMonth(),
                    "test needs the limit to be the first transaction of its month");
            RuleHarness at = worker().run(salary(0, 350), spend(0).at(before), spend(0).at(limit));
            assertTrue(at.firedLast(A, "HT-LAB-03"));
            RuleHarness short1 = worker().run(salary(0, 350), spend(0).at(before),
                    spend(0).at(limit.minus(Duration.ofHours(1))));
            assertFalse(short1.fired(A, "HT-LAB-03"));
        }

        @Test
        void fires_on_a_salary_below_the_reference_wage_and_the_bound_is_strict() {
            RuleHarness low = worker().run(spend(0), salary(35, 200));
            assertTrue(low.firedLast(A, "HT-LAB-03"));
            assertTrue(low.signals(A, "HT-LAB-03").get(0).getReason().contains("salary credits of EUR 200"));
            assertFalse(worker().run(spend(0), salary(35, reference)).fired(A, "HT-LAB-03"), "at the bound");
            assertTrue(worker().run(spend(0), salary(35, reference - 0.01)).firedLast(A, "HT-LAB-03"));
            assertFalse(worker().run(salary(0, 100)).fired(A, "HT-LAB-03"), "no full pay period of history yet");
        }
    }

    @Nested
    class Lab04WagesWithoutContributions {
        final int payees = count("HT-LAB-04.min_payees");
        final int observed = (int) param("HT-LAB-04.min_observed_days");

        RuleHarness business() {
            return RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "01.61", 9_500).build());
        }

        /** Client receipts from day 0, then monthly wages to n people with SALARY references, the last on lastDay. */
        List<Tx> payroll(int n, int lastDay) {
            List<Tx> txs = new ArrayList<>();
            txs.add(Tx.transferIn(A, 9000, "CY-CLIENT").day(0, 0));
            for (int month = lastDay - 56; month <= lastDay; month += 28) {
                for (int w = 0; w < n; w++) {
                    txs.add(Tx.transferOut(A, 950, "CY-WORKER-" + w).day(Math.max(1, month), w).reference("SALARY 09/2026"));
                }
            }
            return txs;
        }

        @Test
        void fires_when_several_people_are_paid_wages_and_no_contributions_for_two_months() {
            RuleHarness h = business().run(payroll(payees, observed).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-LAB-04"));
            Signal s = h.signals(A, "HT-LAB-04").get(0);
            assertTrue(s.getReason().startsWith("business account: wages paid to " + payees + " people"), s.getReason());
        }

        @Test
        void silent_when_contributions_are_paid_by_account_or_by_name() {
            List<Tx> withSi = payroll(payees, observed);
            withSi.add(1, Tx.transferOut(A, 600, "CY00SOCIALINSURANCE0000000001").day(2, 0));
            assertFalse(business().run(withSi.toArray(Tx[]::new)).fired(A, "HT-LAB-04"));
            List<Tx> byName = payroll(payees, observed);
            byName.add(1, Tx.transferOut(A, 300, "CY21002001950000357009876543").day(2, 0)
                    .counterparty("CY21002001950000357009876543", "Tax Department", "CY", PartyType.GOVERNMENT));
            assertFalse(business().run(byName.toArray(Tx[]::new)).fired(A, "HT-LAB-04"), "PAYE to the department, another IBAN");
            assertFalse(RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 3000).build())
                    .run(payroll(payees, observed).toArray(Tx[]::new)).fired(A, "HT-LAB-04"), "a household paying staff");
        }

        @Test
        void needs_the_payees_and_the_observed_days() {
            assertFalse(business().run(payroll(payees - 1, observed).toArray(Tx[]::new)).fired(A, "HT-LAB-04"), "one payee short");
            assertFalse(business().run(payroll(payees, observed - 1).toArray(Tx[]::new)).fired(A, "HT-LAB-04"),
                    "not observed long enough");
        }
    }
}
