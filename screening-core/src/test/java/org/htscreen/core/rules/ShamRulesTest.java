package org.htscreen.core.rules;

import static org.htscreen.core.testkit.RuleHarness.count;
import static org.htscreen.core.testkit.RuleHarness.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Typology;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SHAM family (rules/drl/sham.drl): for each rule a positive case, a near miss, and the threshold. */
class ShamRulesTest {

    private static final String A = "CY-ACC-1";
    private static final String LARNACA = "CY00MUNICIPALITYLARNACA0000001";
    private static final LocalDate T0_DAY = Tx.T0.atZone(ZoneOffset.UTC).toLocalDate();
    private static final int MARRIAGE_DAY = 10;

    /** A payment into the account from a sender in a country. */
    static Tx from(int day, double amount, String sender, String country) {
        return Tx.transferIn(A, amount, sender).day(day, 0).counterpartyCountry(country);
    }

    @Nested
    class Sham01PayToMarry {
        final double low = param("HT-SHAM-01.min_total_eur");
        final double high = param("HT-SHAM-01.max_total_eur");
        final int maxPayers = count("HT-SHAM-01.max_payers");
        final int around = (int) param("HT-SHAM-01.days_around_marriage");

        /** A Portuguese woman living in Portugal, long a customer, whose marriage the bank recorded. */
        PartyProfile bride(String nationality, String residence) {
            return Profiles.person("P-1", A, 600).setNationality(nationality).setResidenceCountry(residence)
                    .setMaritalStatusChangedOn(T0_DAY.plusDays(MARRIAGE_DAY)).build();
        }

        RuleHarness h(PartyProfile p) {
            return RuleHarness.withDefaults().profile(p);
        }

        @Test
        void fires_on_a_few_payments_around_the_marriage() {
            RuleHarness h = h(bride("PT", "PT")).run(
                    from(MARRIAGE_DAY - 3, low * 0.6, "PK-ACC-1", "PK"),
                    from(MARRIAGE_DAY + 2, low, "CY-ACC-FIXER", "CY"));
            assertTrue(h.firedLast(A, "HT-SHAM-01"));
            Signal s = h.signals(A, "HT-SHAM-01").get(0);
            assertEquals(2, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith("EU-national (PT) non-resident customer received EUR "), s.getReason());
            assertTrue(s.getReason().contains("marital-status change on " + T0_DAY.plusDays(MARRIAGE_DAY)), s.getReason());
        }

        @Test
        void silent_for_a_resident_customer_for_family_money_and_for_many_payers() {
            assertFalse(h(bride("CY", "CY")).run(from(MARRIAGE_DAY + 1, 2000, "CY-ACC-9", "CY"))
                    .fired(A, "HT-SHAM-01"), "long-standing resident: wedding gifts are ordinary");
            assertFalse(h(bride("PT", "PT")).run(from(MARRIAGE_DAY + 1, 2000, "PT-ACC-MUM", "PT"))
                    .fired(A, "HT-SHAM-01"), "money from the customer's own country");
            RuleHarness many = h(bride("PT", "PT"));
            for (int i = 0; i <= maxPayers; i++) {
                many.run(from(MARRIAGE_DAY + 1, 0.9 * low / maxPayers, "CY-GUEST-" + i, "CY"));
            }
            assertFalse(many.fired(A, "HT-SHAM-01"), "the band is reached only with more payers than the limit");
            assertFalse(h(bride("PT", "PT")).run(from(MARRIAGE_DAY + 1, 3000, "IN-ACC-1", "IN"))
                    .run(from(MARRIAGE_DAY + 40, 3000, "IN-ACC-1", "IN")).firedLast(A, "HT-SHAM-01"),
                    "outside the days around the marriage and no marriage reference");
        }

        @Test
        void the_band_is_inclusive_at_both_ends() {
            assertTrue(h(bride("PT", "PT")).run(from(MARRIAGE_DAY, low, "IN-ACC-1", "IN")).firedLast(A, "HT-SHAM-01"));
            assertFalse(h(bride("PT", "PT")).run(from(MARRIAGE_DAY, low - 0.01, "IN-ACC-1", "IN")).fired(A, "HT-SHAM-01"));
            assertTrue(h(bride("PT", "PT")).run(from(MARRIAGE_DAY, high, "IN-ACC-1", "IN")).firedLast(A, "HT-SHAM-01"));
            assertFalse(h(bride("PT", "PT")).run(from(MARRIAGE_DAY, high + 0.01, "IN-ACC-1", "IN")).fired(A, "HT-SHAM-01"));
        }

        @Test
        void the_days_around_the_marriage_are_inclusive() {
            assertTrue(h(bride("RO", "RO")).run(from(MARRIAGE_DAY + around, 900, "BD-ACC-1", "BD"))
                    .firedLast(A, "HT-SHAM-01"));
            assertFalse(h(bride("RO", "RO")).run(from(MARRIAGE_DAY + around + 1, 900, "BD-ACC-1", "BD"))
                    .fired(A, "HT-SHAM-01"));
        }

        @Test
        void without_a_recorded_marriage_a_new_customer_needs_a_marriage_reference() {
            PartyProfile newcomer = Profiles.person("P-1", A, 0).setNationality("LV").setResidenceCountry("CY")
                    .setOnboardingDate(T0_DAY.minusDays(20)).build();
            assertTrue(h(newcomer).run(from(5, 1500, "CY-ACC-FIXER", "CY").reference("for the wedding"))
                    .firedLast(A, "HT-SHAM-01"));
            assertFalse(h(newcomer).run(from(5, 1500, "CY-ACC-FIXER", "CY").reference("car sale"))
                    .fired(A, "HT-SHAM-01"));
        }
    }

    @Nested
    class Sham02Facilitator {
        final int fees = count("HT-SHAM-02.min_marriage_fees");
        final int grooms = count("HT-SHAM-02.min_groom_senders");
        final int passengers = count("HT-SHAM-02.min_passengers");
        final String[] groomCountries = {"IN", "PK", "BD", "IN", "PK"};

        Tx fee(int day, String reference) {
            return Tx.transferOut(A, 120, LARNACA).day(day, 0).reference(reference);
        }

        @Test
        void fires_on_several_civil_marriage_fees() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < fees; i++) {
                h.run(fee(7 * i, "civil marriage application"));
            }
            assertTrue(h.firedLast(A, "HT-SHAM-02"));
            Signal s = h.signals(A, "HT-SHAM-02").get(0);
            assertEquals(fees, s.getEvidenceTxIds().size());
            assertTrue(s.getReason().startsWith(fees + " civil-marriage fee payments"), s.getReason());
        }

        @Test
        void silent_for_a_couples_own_fee_and_for_ordinary_municipal_bills() {
            RuleHarness couple = RuleHarness.withDefaults().run(fee(0, "civil marriage application"));
            assertEquals(2, fees, "test written for the default of two fees");
            assertFalse(couple.fired(A, "HT-SHAM-02"));
            RuleHarness owner = RuleHarness.withDefaults();
            for (int i = 0; i < fees + 2; i++) {
                owner.run(fee(10 * i, "refuse collection"));
            }
            assertFalse(owner.fired(A, "HT-SHAM-02"));
            RuleHarness anyFee = RuleHarness.with(Map.of("HT-SHAM-02.fees_need_marriage_text", false));
            for (int i = 0; i < fees; i++) {
                anyFee.run(fee(10 * i, "refuse collection"));
            }
            assertTrue(anyFee.firedLast(A, "HT-SHAM-02"), "the text condition can be switched off");
        }

        @Test
        void fires_at_the_count_of_groom_country_senders_with_marriage_references() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < grooms - 1; i++) {
                h.run(from(3 * i, 2500, "GROOM-" + i, groomCountries[i]).reference("documents"));
            }
            h.run(from(20, param("HT-SHAM-02.min_groom_eur") - 1, "GROOM-X", "IN").reference("rent share"));
            assertFalse(h.fired(A, "HT-SHAM-02"), "one sender short; a payment without a marriage reference below the "
                    + "lump-sum amount does not count");
            h.run(from(30, 2500, "GROOM-" + grooms, "BD").reference("γάμος"));
            assertTrue(h.firedLast(A, "HT-SHAM-02"));
            assertTrue(h.signals(A, "HT-SHAM-02").get(0).getReason().contains("from " + grooms + " senders"));
        }

        @Test
        void flights_count_only_with_marriage_context_and_then_raise_a_sham_alert_with_lab01() {
            String[] brides = {"SILVA/ANA MS", "POPESCU/IOANA MS", "OZOLA/LIGA MS", "IVANOVA/MARIA MS"};
            RuleHarness plain = RuleHarness.withDefaults();
            for (int i = 0; i < passengers; i++) {
                plain.run(Tx.cardOnline(A, 300, "4511", "RYANAIR").day(i, 0).passenger(brides[i]));
            }
            assertTrue(plain.fired(A, "HT-LAB-01"));
            assertFalse(plain.fired(A, "HT-SHAM-02"), "flights alone are HT-LAB-01's");

            RuleHarness ring = RuleHarness.withDefaults().run(fee(0, "civil marriage application"));
            for (int i = 0; i < passengers; i++) {
                ring.run(Tx.cardOnline(A, 300, "4511", "RYANAIR").day(i + 1, 0).passenger(brides[i]));
            }
            assertTrue(ring.firedLast(A, "HT-SHAM-02"));
            assertEquals(passengers + 1, ring.signals(A, "HT-SHAM-02").get(0).getEvidenceTxIds().size(),
                    "the tickets and the marriage fee");
            assertTrue(ring.firedLast(A, "HT-LAB-01"));
            Alert sham = ring.alerts().stream().filter(a -> a.getTypology() == Typology.SHAM_MARRIAGE).findFirst().orElseThrow();
            assertTrue(sham.getScore() >= sham.getThreshold());
        }

        @Test
        void a_business_collecting_from_groom_countries_without_marriage_text_stays_silent() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < grooms + 2; i++) {
                h.run(Tx.transferIn(A, 800, "IMPORTER-" + i).day(i, 0)
                        .counterparty("IMPORTER-" + i, "Importer " + i, groomCountries[i % groomCountries.length], PartyType.BUSINESS)
                        .reference("invoice " + i));
            }
            assertFalse(h.fired(A, "HT-SHAM-02"));
        }
    }

    @Nested
    class Sham02LumpSums {
        final int grooms = count("HT-SHAM-02.min_groom_senders");
        final double lump = param("HT-SHAM-02.min_groom_eur");

        @Test
        void lump_sums_from_groom_countries_count_without_words_and_from_grooms_here_with_words() {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < grooms - 1; i++) {
                h.run(from(3 * i, lump, "GROOM-" + i, "PK").counterpartyType(PartyType.PERSON));
            }
            h.run(from(20, lump, "GROOM-HERE-0", "CY").counterpartyType(PartyType.PERSON));
            assertFalse(h.fired(A, "HT-SHAM-02"), "a lump sum from a sender here needs a marriage reference");
            h.run(from(25, lump, "GROOM-HERE-1", "CY").counterpartyType(PartyType.PERSON).reference("wedding arrangements"));
            assertTrue(h.firedLast(A, "HT-SHAM-02"));
        }

        @Test
        void the_lump_sum_amount_is_inclusive() {
            RuleHarness at = RuleHarness.withDefaults();
            RuleHarness below = RuleHarness.withDefaults();
            for (int i = 0; i < grooms; i++) {
                at.run(from(3 * i, lump, "GROOM-" + i, "BD"));
                below.run(from(3 * i, lump - 0.01, "GROOM-" + i, "BD"));
            }
            assertTrue(at.firedLast(A, "HT-SHAM-02"));
            assertFalse(below.fired(A, "HT-SHAM-02"));
        }
    }

    @Nested
    class Sham03Arrangement {
        final int grooms = count("HT-SHAM-03.min_grooms");
        final double lump = param("HT-SHAM-02.min_groom_eur");
        final double brideMin = param("HT-SHAM-03.min_bride_eur");
        final double brideMax = param("HT-SHAM-03.max_bride_eur");

        RuleHarness grooms(int n) {
            RuleHarness h = RuleHarness.withDefaults();
            for (int i = 0; i < n; i++) {
                h.run(from(2 * i, lump + 500, "GROOM-" + i, "IN").counterpartyType(PartyType.PERSON));
            }
            return h;
        }

        Tx bridePaid(double amount, String country) {
            return Tx.transferOut(A, amount, "BRIDE-ACC").day(20, 0)
                    .counterparty("BRIDE-ACC", "Liga Ozola", country, PartyType.PERSON);
        }

        @Test
        void fires_when_grooms_paid_in_and_a_bride_is_paid_and_alerts_alone() {
            RuleHarness h = grooms(grooms).run(bridePaid(1500, "LV"));
            assertTrue(h.firedLast(A, "HT-SHAM-03"));
            Signal s = h.signals(A, "HT-SHAM-03").get(0);
            assertTrue(s.getReason().startsWith("lump sums from " + grooms + " senders"), s.getReason());
            assertTrue(h.alerts().stream().anyMatch(a -> a.getTypology() == Typology.SHAM_MARRIAGE),
                    "specific enough to alert without a second family");
        }

        @Test
        void silent_without_bride_payments_or_with_one_groom_or_a_payee_elsewhere() {
            assertFalse(grooms(grooms).run(bridePaid(1500, "GR")).fired(A, "HT-SHAM-03"), "not a bride country");
            assertFalse(grooms(grooms - 1).run(bridePaid(1500, "LV")).fired(A, "HT-SHAM-03"), "one groom short");
            assertFalse(grooms(grooms).fired(A, "HT-SHAM-03"), "grooms alone");
        }

        @Test
        void the_bride_band_is_inclusive() {
            assertTrue(grooms(grooms).run(bridePaid(brideMin, "PT")).firedLast(A, "HT-SHAM-03"));
            assertTrue(grooms(grooms).run(bridePaid(brideMax, "PT")).firedLast(A, "HT-SHAM-03"));
            assertFalse(grooms(grooms).run(bridePaid(brideMax + 1, "PT")).fired(A, "HT-SHAM-03"));
            assertFalse(grooms(grooms).run(bridePaid(brideMin - 1, "PT")).fired(A, "HT-SHAM-03"));
        }
    }
}
