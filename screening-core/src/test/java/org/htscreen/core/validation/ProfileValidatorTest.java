package org.htscreen.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.InputLimits;
import org.htscreen.core.ProfileValidator;
import org.htscreen.core.testkit.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every profile value that could hurt screening later is refused before it is stored, with the field and why. */
class ProfileValidatorTest {

    private final ProfileValidator validator = new ProfileValidator();

    private static PartyProfile.Builder good() {
        return Profiles.business("B-1", "A-1", "96.02", 8_000).setOpeningHours("09:00-18:00")
                .setPhoneHash("5d41402abc4b2a76b9719d911017c592").setDeviceIds(List.of("DEV-1"));
    }

    private Optional<String> problem(PartyProfile.Builder b) {
        return validator.problem(b.build());
    }

    private void assertRejected(PartyProfile.Builder b, String field) {
        String p = problem(b).orElseThrow(() -> new AssertionError("accepted, expected a problem with " + field));
        assertTrue(p.startsWith(field + ": "), p);
        assertTrue(p.length() < 400, "reason is bounded: " + p.length());
    }

    @Test
    void a_normal_profile_passes() {
        assertEquals(Optional.empty(), problem(good()));
        assertEquals(Optional.empty(), problem(Profiles.person("P-1", "A-2", 1_500)));
        assertEquals(Optional.empty(), problem(good().setOpeningHours("00:00-24:00")));
        assertEquals(Optional.empty(), problem(good().setOpeningHours("18:00-02:00")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:00-26:00", "9-17", "9:00-18:00", "09.00-18.00", "ab-cd", "abc", "", "09:00-12:00-18:00"})
    void invalid_opening_hours_are_refused(String hours) {
        assertRejected(good().setOpeningHours(hours), "openingHours");
    }

    @Test
    void party_id_must_be_present_and_bounded() {
        assertRejected(good().setPartyId(""), "partyId");
        assertRejected(good().setPartyId(" "), "partyId");
        assertRejected(good().setPartyId("P".repeat(InputLimits.MAX_ID_LENGTH + 1)), "partyId");
        assertEquals(Optional.empty(), problem(good().setPartyId("P".repeat(InputLimits.MAX_ID_LENGTH))));
    }

    @Test
    void missing_required_values_are_refused_not_thrown() {
        PartyProfile p = good().build();
        p.setPartyId(null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("partyId: "));
        p = good().build();
        p.put("updatedAt", null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("updatedAt: "));
        p = good().build();
        p.setKind(null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("kind: "));
        p = good().build();
        p.setAccountIds(null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("accountIds: "));
        p = good().build();
        p.setResidencePermit(null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("residencePermit: "));
        p = good().build();
        p.setDeviceIds(null);
        assertTrue(validator.problem(p).orElseThrow().startsWith("deviceIds: "));
        List<String> withNull = new ArrayList<>(List.of("A-1"));
        withNull.add(null);
        assertRejected(good().setAccountIds(withNull), "accountIds[1]");
    }

    @Test
    void lists_are_capped() {
        assertRejected(good().setAccountIds(Collections.nCopies(InputLimits.MAX_ACCOUNT_IDS + 1, "A-1")), "accountIds");
        assertEquals(Optional.empty(), problem(good().setAccountIds(ids("A-", InputLimits.MAX_ACCOUNT_IDS))));
        assertRejected(good().setDeviceIds(ids("D-", InputLimits.MAX_DEVICE_IDS + 1)), "deviceIds");
        assertRejected(good().setAccountIds(List.of("A-1", "")), "accountIds[1]");
        assertRejected(good().setAccountIds(List.of("A".repeat(InputLimits.MAX_ID_LENGTH + 1))), "accountIds[0]");
    }

    private static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "00000000000000000000000000000000", "ffffffff",
            "d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E",
            "d41d8cd98f003204a9800998ecf8427e",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "null", "NULL", "none", "n/a", "unknown", "-"})
    void placeholder_identifier_hashes_are_refused(String hash) {
        assertRejected(good().setPhoneHash(hash), "phoneHash");
        assertRejected(good().setAddressHash(hash), "addressHash");
        assertRejected(good().setEmailHash(hash), "emailHash");
        assertRejected(good().setDeviceIds(List.of("DEV-1", hash)), "deviceIds[1]");
    }

    @Test
    void times_and_dates_are_bounded() {
        assertRejected(good().setUpdatedAt(Instant.ofEpochMilli(Long.MAX_VALUE)), "updatedAt");
        assertRejected(good().setUpdatedAt(Instant.ofEpochMilli(Long.MIN_VALUE)), "updatedAt");
        assertRejected(good().setUpdatedAt(InputLimits.LATEST_TIME), "updatedAt");
        assertRejected(good().setUpdatedAt(InputLimits.EARLIEST_TIME.minusMillis(1)), "updatedAt");
        assertEquals(Optional.empty(), problem(good().setUpdatedAt(InputLimits.EARLIEST_TIME)));
        assertRejected(good().setOnboardingDate(LocalDate.MAX), "onboardingDate");
        assertRejected(good().setOnboardingDate(LocalDate.of(1850, 1, 1)), "onboardingDate");
        assertRejected(good().setMaritalStatusChangedOn(LocalDate.of(-5000, 1, 1)), "maritalStatusChangedOn");
        assertRejected(Profiles.person("P-1", "A-2", 1_500).setBirthYear(Integer.MIN_VALUE), "birthYear");
        assertRejected(Profiles.person("P-1", "A-2", 1_500).setBirthYear(3000), "birthYear");
    }

    @Test
    void decimals_stay_within_the_schema_precision_and_scale() {
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("1e100000000")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("1e-999999999")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("0E-999999999")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("0E+999999999")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("12345678901234567.00")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("0.001")), "declaredMonthlyIncome");
        assertRejected(good().setDeclaredMonthlyIncome(new BigDecimal("-1.00")), "declaredMonthlyIncome");
        assertEquals(Optional.empty(), problem(good().setDeclaredMonthlyIncome(new BigDecimal("9999999999999999.99"))));
        assertEquals(Optional.empty(), problem(good().setDeclaredMonthlyIncome(new BigDecimal("1500.500"))));
    }

    @Test
    void counts_are_bounded() {
        assertRejected(good().setAccountHolderCount(-1), "accountHolderCount");
        assertRejected(good().setAccountHolderCount(Integer.MAX_VALUE), "accountHolderCount");
        assertRejected(good().setEmployeeCount(-3), "employeeCount");
    }

    @Test
    void free_text_is_capped() {
        assertRejected(good().setOccupation("x".repeat(InputLimits.MAX_NAME_LENGTH + 1)), "occupation");
        assertRejected(good().setSector("x".repeat(InputLimits.MAX_NAME_LENGTH + 1)), "sector");
        assertRejected(good().setAdverseMedia("x".repeat(InputLimits.MAX_NAME_LENGTH + 1)), "adverseMedia");
        assertRejected(good().setNationality("x".repeat(InputLimits.MAX_ID_LENGTH + 1)), "nationality");
        assertRejected(good().setResidenceCountry("x".repeat(InputLimits.MAX_ID_LENGTH + 1)), "residenceCountry");
    }
}
