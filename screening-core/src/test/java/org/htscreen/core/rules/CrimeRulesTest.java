package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CRIM family (rules/drl/crim.drl): for each rule a positive case, a near miss, and the threshold. */
class CrimeRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String SAVINGS = "CY-ACC-2";
    private static final String WELFARE = "CY00WELFAREBENEFITS0000000001";
    private static final LocalDate T0_DAY = Tx.T0.atZone(ZoneOffset.UTC).toLocalDate();

    @Nested
    class Crim01BenefitsPassedOn {
        final int periods = count("HT-CRIM-01.min_periods");
        final int linkedPeriods = count("HT-CRIM-01.min_periods_linked");
        final double share = param("HT-CRIM-01.min_share");
        final int maxHours = (int) param("HT-CRIM-01.max_hours");

        RuleHarness holder() {
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 0)
                    .setAccountIds(List.of(A, SAVINGS)).build());
        }

        /** Monthly benefits of 500, each followed after some hours by a payment of a share to a payee. */
        List<Tx> benefits(int n, double passedShare, int hours, String payee, String reference) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.transferIn(A, 500, WELFARE).day(28 * i, 0));
                txs.add(Tx.transferOut(A, 500 * passedShare, payee).day(28 * i, hours).reference(reference));
            }
            return txs;
        }

        @Test
        void fires_when_benefits_go_on_to_the_same_third_party_month_after_month() {
            List<Tx> txs = benefits(periods, 0.95, 6, "CY-ACC-BOSS", "transfer");
            RuleHarness h = holder().run(txs.subList(0, txs.size() - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-CRIM-01"), "one period short");
            h.run(txs.get(txs.size() - 1));
            assertTrue(h.firedLast(A, "HT-CRIM-01"));
            Signal s = h.signals(A, "HT-CRIM-01").get(0);
            assertEquals(2 * periods, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("state benefits of " + periods + " periods"), s.getReason());
            assertTrue(s.getReason().contains("no shared identifier found"), s.getReason());
        }

        @Test
        void a_shared_identifier_lowers_the_number_of_periods() {
            IdentifierLink address = IdentifierLink.newBuilder().setKind("ADDRESS").setIdentifier("addr-1")
                    .setPartyCount(count("HT-CRIM-01.min_link_parties")).setAccountCount(4)
                    .setTime(Tx.T0.toEpochMilli() - 1000).build();
            RuleHarness h = holder().link(A, address)
                    .run(benefits(linkedPeriods, 0.95, 6, "CY-ACC-BOSS", "transfer").toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-CRIM-01"));
            assertTrue(h.signals(A, "HT-CRIM-01").get(0).getReason().contains("ADDRESS is shared by"));
            assertFalse(holder().run(benefits(linkedPeriods, 0.95, 6, "CY-ACC-BOSS", "transfer").toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-01"), "without the link more periods are needed");
        }

        @Test
        void silent_for_rent_own_savings_and_small_shares() {
            assertFalse(holder().run(benefits(periods + 1, 0.95, 6, "CY-ACC-LANDLORD", "rent March").toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-01"), "rent");
            assertFalse(holder().run(benefits(periods + 1, 0.95, 6, SAVINGS, "savings").toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-01"), "the holder's own account");
            assertFalse(holder().run(benefits(periods + 1, share - 0.05, 6, "CY-ACC-BOSS", "transfer").toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-01"), "less than the share");
        }

        @Test
        void the_time_limit_and_the_share_are_inclusive() {
            assertTrue(holder().run(benefits(periods, share, maxHours, "CY-ACC-BOSS", "transfer").toArray(Tx[]::new))
                    .firedLast(A, "HT-CRIM-01"));
            assertFalse(holder().run(benefits(periods, share, maxHours + 1, "CY-ACC-BOSS", "transfer").toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-01"));
        }
    }

    @Nested
    class Crim02MuleOnNewAccount {
        final int senders = count("HT-CRIM-02.min_senders");
        final double minIn = param("HT-CRIM-02.min_inbound_eur");
        final double outShare = param("HT-CRIM-02.min_out_share");
        final int ageDays = (int) param("HT-CRIM-02.max_account_age_days");
        final int windowHours = (int) param("HT-CRIM-02.window_hours");

        RuleHarness customer(int daysSinceOnboarding) {
            return RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 800)
                    .setOnboardingDate(T0_DAY.minusDays(daysSinceOnboarding)).build());
        }

        /** n senders pay in (together at least the minimum), then a share leaves after some hours. */
        List<Tx> fanInOut(int n, double share, int outAfterHours) {
            double each = Math.ceil(minIn / n) + 50;
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                txs.add(Tx.transferIn(A, each, "CY-SENDER-" + i).day(0, i));
            }
            txs.add(Tx.transferOut(A, Math.round(each * n * share * 100) / 100.0, "LT-ACC-COLLECTOR").day(0, outAfterHours));
            return txs;
        }

        @Test
        void fires_when_a_new_account_passes_on_money_from_many_senders() {
            RuleHarness h = customer(10).run(fanInOut(senders, 0.95, senders + 2).toArray(Tx[]::new));
            assertTrue(h.firedLast(A, "HT-CRIM-02"));
            Signal s = h.signals(A, "HT-CRIM-02").get(0);
            assertEquals(senders + 1, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("customer for 10 days"), s.getReason());
        }

        @Test
        void silent_for_an_old_account_fewer_senders_or_a_business() {
            assertFalse(customer(ageDays + 1).run(fanInOut(senders, 0.95, senders + 2).toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-02"), "not a new account");
            assertFalse(customer(10).run(fanInOut(senders - 1, 0.95, senders + 2).toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-02"), "one sender short");
            RuleHarness shop = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "47.11", 9_000)
                    .setOnboardingDate(T0_DAY.minusDays(10)).build());
            assertFalse(shop.run(fanInOut(senders, 0.95, senders + 2).toArray(Tx[]::new)).fired(A, "HT-CRIM-02"));
        }

        @Test
        void the_share_is_inclusive_and_the_window_bounds_the_pattern() {
            assertTrue(customer(ageDays).run(fanInOut(senders, outShare, senders + 2).toArray(Tx[]::new))
                    .firedLast(A, "HT-CRIM-02"));
            assertFalse(customer(10).run(fanInOut(senders, outShare - 0.02, senders + 2).toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-02"));
            assertFalse(customer(10).run(fanInOut(senders, 0.95, windowHours + 1).toArray(Tx[]::new))
                    .fired(A, "HT-CRIM-02"), "the first credit left the window before the money went out");
        }
    }

    @Nested
    class Crim02FamilyMoney {
        @Test
        void money_from_family_at_home_is_not_mule_inflow() {
            int senders = count("HT-CRIM-02.min_senders");
            double each = Math.ceil(param("HT-CRIM-02.min_inbound_eur") / senders) + 50;
            RuleHarness student = RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 800)
                    .setNationality("IN").setOnboardingDate(T0_DAY.minusDays(10)).build());
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                txs.add(Tx.transferIn(A, each, "IN-RELATIVE-" + i).counterpartyCountry("IN")
                        .counterpartyType(org.htscreen.avro.PartyType.PERSON).day(0, i));
            }
            txs.add(Tx.transferOut(A, each * senders * 0.95, "CY-ACC-LANDLORD").day(0, senders + 2));
            assertFalse(student.run(txs.toArray(Tx[]::new)).fired(A, "HT-CRIM-02"), "family at home");
            List<Tx> strangers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                strangers.add(Tx.transferIn(A, each, "DE-PAYER-" + i).counterpartyCountry("DE")
                        .counterpartyType(org.htscreen.avro.PartyType.PERSON).day(0, i));
            }
            strangers.add(Tx.transferOut(A, each * senders * 0.95, "CY-ACC-LANDLORD").day(0, senders + 2));
            assertTrue(RuleHarness.withDefaults().profile(Profiles.person("P-1", A, 800).setNationality("IN")
                    .setOnboardingDate(T0_DAY.minusDays(10)).build()).run(strangers.toArray(Tx[]::new))
                    .firedLast(A, "HT-CRIM-02"), "the same from unrelated payers abroad");
        }
    }

    @Nested
    class Crim03OwnDevice {
        final int accounts = count("HT-CRIM-03.min_accounts");
        final int window = (int) param("HT-CRIM-03.window_days");

        RuleHarness controller() {
            return RuleHarness.withDefaults().profile(Profiles.person("P-BOSS", A, 1000)
                    .setDeviceIds(List.of("DEV-BOSS")).build());
        }

        /** n other accounts pay the holder, every payment ordered from the device, a day apart. */
        Tx[] paidFrom(int n, String device, int daysApart) {
            Tx[] txs = new Tx[n];
            for (int i = 0; i < n; i++) {
                txs[i] = Tx.internal("CY-ACC-MULE-" + i, A, 900).device(device).day(i * daysApart, 0);
            }
            return txs;
        }

        @Test
        void fires_when_several_accounts_pay_the_holder_from_his_own_device() {
            RuleHarness h = controller().run(paidFrom(accounts, "DEV-BOSS", 1));
            assertTrue(h.firedLast(A, "HT-CRIM-03"));
            Signal s = h.signals(A, "HT-CRIM-03").get(0);
            assertEquals(accounts, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(accounts + " other accounts paid this account"), s.getReason());
        }

        @Test
        void silent_when_the_payers_use_their_own_devices_or_one_account_pays() {
            assertFalse(controller().run(paidFrom(accounts, "DEV-MULE", 1)).fired(A, "HT-CRIM-03"), "payers' devices");
            assertFalse(controller().run(paidFrom(accounts - 1, "DEV-BOSS", 1)).fired(A, "HT-CRIM-03"), "one account short");
        }

        @Test
        void the_window_bounds_the_count() {
            assertTrue(controller().run(paidFrom(accounts, "DEV-BOSS", window - 1)).firedLast(A, "HT-CRIM-03"));
            assertFalse(controller().run(paidFrom(accounts, "DEV-BOSS", window)).fired(A, "HT-CRIM-03"));
        }
    }
}
