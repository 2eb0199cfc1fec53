package org.htscreen.core;

import java.util.Optional;
import org.htscreen.avro.PartyProfile;

/**
 * Checks a customer profile before it is stored; hosts send refused ones to their dead-letter channel with the
 * reason. A profile that passes can be stored and screened against without any exception: opening hours are
 * {@link OpeningHours valid}, identifiers present and within {@link InputLimits}, lists capped, identifier hashes
 * not {@link IdentifierPlaceholders placeholders}, times, dates and decimals within bounds. Stateless and
 * thread-safe.
 */
public final class ProfileValidator {

    /** A validator with the limits of {@link InputLimits}. */
    public ProfileValidator() {
    }

    /** The reason ({@code field: reason}) the profile cannot be stored, or empty when it can. */
    public Optional<String> problem(PartyProfile profile) {
        return check(profile).map(InputProblem::toString);
    }

    /** The problem (field and reason) that keeps the profile from being stored, or empty when it can. */
    public Optional<InputProblem> check(PartyProfile p) {
        FieldChecks c = new FieldChecks();
        if (!c.present("-", p)) {
            return Optional.of(c.first());
        }
        c.required("partyId", p.getPartyId(), InputLimits.MAX_ID_LENGTH);
        c.time("updatedAt", p.getUpdatedAt());
        c.present("kind", p.getKind());
        c.identifiers("accountIds", p.getAccountIds(), InputLimits.MAX_ACCOUNT_IDS, false);
        c.range("birthYear", p.getBirthYear(), InputLimits.EARLIEST_DATE.getYear(), InputLimits.LATEST_DATE.getYear());
        c.optional("nationality", p.getNationality(), InputLimits.MAX_ID_LENGTH);
        c.optional("residenceCountry", p.getResidenceCountry(), InputLimits.MAX_ID_LENGTH);
        c.optional("occupation", p.getOccupation(), InputLimits.MAX_NAME_LENGTH);
        c.decimal("declaredMonthlyIncome", p.getDeclaredMonthlyIncome(), false);
        c.present("residencePermit", p.getResidencePermit());
        c.date("onboardingDate", p.getOnboardingDate());
        c.identifierHash("addressHash", p.getAddressHash());
        c.identifierHash("phoneHash", p.getPhoneHash());
        c.identifierHash("emailHash", p.getEmailHash());
        c.identifiers("deviceIds", p.getDeviceIds(), InputLimits.MAX_DEVICE_IDS, true);
        c.range("accountHolderCount", p.getAccountHolderCount(), 0, InputLimits.MAX_HOLDER_COUNT);
        c.date("maritalStatusChangedOn", p.getMaritalStatusChangedOn());
        c.optional("adverseMedia", p.getAdverseMedia(), InputLimits.MAX_NAME_LENGTH);
        c.optional("sector", p.getSector(), InputLimits.MAX_NAME_LENGTH);
        c.range("employeeCount", p.getEmployeeCount(), 0, InputLimits.MAX_EMPLOYEE_COUNT);
        if (c.ok() && p.getOpeningHours() != null) {
            OpeningHours.problem(p.getOpeningHours()).ifPresent(r -> c.fail("openingHours", r));
        }
        return Optional.ofNullable(c.first());
    }
}
