package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.IdentifierLink;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Signal;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** NET family (rules/drl/net.drl): for each rule a positive case, a near miss, and the threshold. */
class NetworkRulesTest {

    private static final String A = "CY-ACC-1";
    private static final int SIGNAL_WINDOW = (int) param("engine.signal_window_days");

    /** A network finding about an identifier of the holder, made a day before T0. */
    static IdentifierLink link(String kind, int parties) {
        return IdentifierLink.newBuilder().setKind(kind).setIdentifier("hash-" + kind).setPartyCount(parties)
                .setAccountCount(parties).setTime(Tx.T0.minus(Duration.ofDays(1)).toEpochMilli()).build();
    }

    /** An ordinary grocery card payment on a day. */
    static Tx groceries(int day) {
        return Tx.card(A, 35, "5411", "Alpha Mega").day(day, 0);
    }

    @Nested
    class Net01SharedIdentifiers {
        final int phone = count("HT-NET-01.min_phone_parties");
        final int address = count("HT-NET-01.min_address_parties");
        final int email = count("HT-NET-01.min_email_parties");

        @Test
        void fires_on_the_next_transaction_and_once_per_signal_window_while_the_finding_holds() {
            RuleHarness h = RuleHarness.withDefaults().link(A, link("PHONE", phone));
            h.run(groceries(0));
            assertTrue(h.firedLast(A, "HT-NET-01"));
            Signal s = h.signals(A, "HT-NET-01").get(0);
            assertTrue(s.getReason().contains("the phone number with " + phone + " (threshold " + phone + ")"), s.getReason());
            assertEquals(String.valueOf(phone), s.getObserved().get("phone_parties"));
            h.run(groceries(2));
            assertFalse(h.firedLast(A, "HT-NET-01"), "not again in the same period");
            h.run(groceries(SIGNAL_WINDOW + 1));
            assertTrue(h.firedLast(A, "HT-NET-01"), "renewed in the next period");
            assertEquals(2, h.signals(A, "HT-NET-01").size());
        }

        @Test
        void silent_when_each_identifier_is_shared_by_fewer_customers_than_its_threshold() {
            RuleHarness h = RuleHarness.withDefaults()
                    .link(A, link("ADDRESS", address - 1))
                    .link(A, link("PHONE", phone - 1))
                    .link(A, link("EMAIL", email - 1));
            h.run(groceries(0), groceries(1), groceries(SIGNAL_WINDOW + 1));
            assertFalse(h.fired(A, "HT-NET-01"));
        }

        @Test
        void fires_exactly_at_the_address_and_e_mail_thresholds() {
            assertTrue(RuleHarness.withDefaults().link(A, link("ADDRESS", address)).run(groceries(0))
                    .firedLast(A, "HT-NET-01"));
            assertTrue(RuleHarness.withDefaults().link(A, link("EMAIL", email)).run(groceries(0))
                    .firedLast(A, "HT-NET-01"));
            assertFalse(RuleHarness.withDefaults().link(A, link("ADDRESS", address - 1)).run(groceries(0))
                    .fired(A, "HT-NET-01"));
        }

        @Test
        void ignores_device_findings_and_findings_made_after_the_transaction() {
            assertFalse(RuleHarness.withDefaults().link(A, link("DEVICE", phone + 5)).run(groceries(0))
                    .fired(A, "HT-NET-01"), "shared devices belong to HT-NET-05");
            RuleHarness late = RuleHarness.withDefaults().link(A, link("PHONE", phone));
            late.run(groceries(-3));
            assertFalse(late.fired(A, "HT-NET-01"), "the finding came after the transaction's event time");
        }
    }

    @Nested
    class Net03ManyProperties {
        final int landlords = count("HT-NET-03.min_landlords");
        final int municipalities = count("HT-NET-03.min_municipalities");

        List<Tx> rents(int payees, int payments) {
            List<Tx> txs = new ArrayList<>();
            for (int i = 0; i < payments; i++) {
                txs.add(Tx.transferOut(A, 650, "CY-LANDLORD-" + (i % payees)).reference("rent flat " + (i + 1))
                        .day(i, 0));
            }
            return txs;
        }

        Tx municipalFee(int i, int day) {
            return Tx.transferOut(A, 180, "CY-MUNI-" + i).counterpartyType(PartyType.MUNICIPALITY).day(day, 0);
        }

        @Test
        void fires_on_the_rent_payment_that_reaches_the_landlord_count() {
            List<Tx> txs = rents(landlords, landlords);
            RuleHarness h = RuleHarness.withDefaults().run(txs.subList(0, landlords - 1).toArray(Tx[]::new));
            assertFalse(h.fired(A, "HT-NET-03"), "one landlord short");
            h.run(txs.get(landlords - 1));
            assertTrue(h.firedLast(A, "HT-NET-03"));
            Signal s = h.signals(A, "HT-NET-03").get(0);
            assertEquals(landlords, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("rent paid to " + landlords + " different landlords"), s.getReason());
        }

        @Test
        void silent_for_rent_to_one_landlord_and_for_a_real_estate_business() {
            assertFalse(RuleHarness.withDefaults().run(rents(1, landlords + 2).toArray(Tx[]::new))
                    .fired(A, "HT-NET-03"), "the same landlord every time");
            RuleHarness agency = RuleHarness.withDefaults()
                    .profile(Profiles.business("B-1", A, "68.32", 30_000).build());
            assertFalse(agency.run(rents(landlords + 2, landlords + 2).toArray(Tx[]::new)).fired(A, "HT-NET-03"));
        }

        @Test
        void fires_at_the_municipality_count_and_counts_rental_agents_by_mcc() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < municipalities - 1; i++) {
                h.run(municipalFee(i, i));
            }
            assertFalse(h.fired(A, "HT-NET-03"));
            h.run(municipalFee(municipalities, municipalities));
            assertTrue(h.firedLast(A, "HT-NET-03"));

            RuleHarness agents = RuleHarness.withDefaults();
            for (int i = 0; i < landlords; i++) {
                agents.run(Tx.card(A, 700, "6513", "Lettings " + i).day(i, 0));
            }
            assertTrue(agents.firedLast(A, "HT-NET-03"), "payments to real-estate agents (MCC 6513) are rent");
        }

        @Test
        void rent_payments_outside_the_window_do_not_count() {
            int windowDays = (int) param("HT-NET-03.window_days");
            List<Tx> txs = rents(landlords, landlords);
            txs.get(0).day(-windowDays - 1, 0);
            assertFalse(RuleHarness.withDefaults().run(txs.toArray(Tx[]::new)).fired(A, "HT-NET-03"));
        }
    }

    @Nested
    class Net05ThirdPartyControl {
        final int devices = count("HT-NET-05.min_devices");
        final int deviceParties = count("HT-NET-05.min_device_parties");

        RuleHarness holderWithPhone(String... registered) {
            return RuleHarness.withDefaults()
                    .profile(Profiles.person("P-1", A, 1500).setDeviceIds(List.of(registered)).build());
        }

        Tx payment(int day, String device) {
            return Tx.transferOut(A, 120, "CY-PAYEE-" + day).device(device).day(day, 0);
        }

        @Test
        void fires_when_several_unknown_devices_use_the_account() {
            RuleHarness h = holderWithPhone("DEV-OWN");
            h.run(payment(0, "DEV-OWN"));
            for (int i = 1; i < devices; i++) {
                h.run(payment(i, "DEV-X" + i));
            }
            assertTrue(h.firedLast(A, "HT-NET-05"));
            Signal s = h.signals(A, "HT-NET-05").get(0);
            assertTrue(s.getReason().startsWith(devices + " devices used on the account"), s.getReason());
            assertEquals(devices, s.getEvidenceTxIds().size());
        }

        @Test
        void payers_devices_on_credits_are_not_access_to_the_account() {
            RuleHarness firm = RuleHarness.withDefaults().profile(Profiles.business("B-1", A, "46.90", 90_000).build());
            for (int i = 0; i < devices + 2; i++) {
                firm.run(Tx.internal("CY-ACC-CUSTOMER-" + i, A, 120).device("DEV-CUSTOMER-" + i).day(i, 0));
            }
            assertFalse(firm.fired(A, "HT-NET-05"), "customers paying by e-banking");
        }

        @Test
        void silent_when_the_holder_uses_own_registered_devices() {
            RuleHarness h = holderWithPhone("DEV-PHONE", "DEV-TABLET", "DEV-LAPTOP", "DEV-WORK");
            h.run(payment(0, "DEV-PHONE"), payment(1, "DEV-TABLET"), payment(2, "DEV-LAPTOP"), payment(3, "DEV-WORK"));
            assertFalse(h.fired(A, "HT-NET-05"));
        }

        @Test
        void fires_exactly_at_the_device_count_within_the_window() {
            int windowDays = (int) param("HT-NET-05.window_days");
            RuleHarness h = holderWithPhone("DEV-OWN");
            h.run(payment(-windowDays - 1, "DEV-OLD"));
            for (int i = 0; i < devices - 1; i++) {
                h.run(payment(i, "DEV-X" + i));
            }
            assertFalse(h.fired(A, "HT-NET-05"), "one device short: the old device is outside the window");
            h.run(payment(devices, "DEV-X" + devices));
            assertTrue(h.firedLast(A, "HT-NET-05"));
            h.run(groceries(devices + 1));
            assertFalse(h.firedLast(A, "HT-NET-05"), "a card payment without a device is not about it");
        }

        @Test
        void fires_once_per_period_on_a_registered_device_shared_by_several_customers() {
            RuleHarness h = RuleHarness.withDefaults().link(A, link("DEVICE", deviceParties));
            h.run(groceries(0));
            assertTrue(h.firedLast(A, "HT-NET-05"));
            assertTrue(h.signals(A, "HT-NET-05").get(0).getReason()
                    .contains("registered to " + deviceParties + " customers in all"));
            h.run(groceries(1));
            assertFalse(h.firedLast(A, "HT-NET-05"));
            assertFalse(RuleHarness.withDefaults().link(A, link("DEVICE", deviceParties - 1)).run(groceries(0))
                    .fired(A, "HT-NET-05"));
        }
    }
}
