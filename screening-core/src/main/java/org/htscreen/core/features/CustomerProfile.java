package org.htscreen.core.features;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.ResidencePermit;
import org.kie.api.definition.type.ClassReactive;

/**
 * The account holder's KYC profile as a rule fact, with derived values (age, days since onboarding). When the
 * bank sent no profile, {@link #isKnown()} is false and every derived value is "unknown" (NaN or -1), so that
 * profile-based rules stay silent rather than guess.
 */
@ClassReactive   // replaced whole on every evaluation, never modified by a rule (ADR 0007)
public final class CustomerProfile {

    private final PartyProfile p;
    private final long now;

    public CustomerProfile(PartyProfile profile, long now) {
        this.p = profile;
        this.now = now;
    }

    public boolean isKnown() {
        return p != null;
    }

    public PartyProfile raw() {
        return p;
    }

    public String getPartyId() {
        return p == null ? null : p.getPartyId();
    }

    public boolean isBusiness() {
        return p != null && p.getKind() == PartyKind.BUSINESS;
    }

    public boolean isPerson() {
        return p != null && p.getKind() == PartyKind.PERSON;
    }

    public ResidencePermit getPermit() {
        return p == null ? ResidencePermit.EU_OR_NONE : p.getResidencePermit();
    }

    public String getNationality() {
        return p == null ? null : p.getNationality();
    }

    public String getResidenceCountry() {
        return p == null ? null : p.getResidenceCountry();
    }

    public String getOccupation() {
        return p == null ? null : p.getOccupation();
    }

    public String getSector() {
        return p == null ? null : p.getSector();
    }

    public String getAdverseMedia() {
        return p == null ? null : p.getAdverseMedia();
    }

    /** Declared monthly income (persons) or expected monthly turnover (businesses) in EUR, NaN when unknown. */
    public double getDeclaredMonthlyIncome() {
        return p == null || p.getDeclaredMonthlyIncome() == null ? Double.NaN
                : p.getDeclaredMonthlyIncome().doubleValue();
    }

    /** Age in whole years at the time of the screened transaction, -1 when unknown. */
    public int getAge() {
        if (p == null || p.getBirthYear() == null) {
            return -1;
        }
        return today().getYear() - p.getBirthYear();
    }

    /** Days since onboarding, -1 when unknown. */
    public long getDaysSinceOnboarding() {
        if (p == null || p.getOnboardingDate() == null) {
            return -1;
        }
        return today().toEpochDay() - p.getOnboardingDate().toEpochDay();
    }

    /** Days since the last marital-status change, -1 when unknown. */
    public long getDaysSinceMaritalChange() {
        if (p == null || p.getMaritalStatusChangedOn() == null) {
            return -1;
        }
        return Math.abs(today().toEpochDay() - p.getMaritalStatusChangedOn().toEpochDay());
    }

    public int getHolderCount() {
        return p == null ? 1 : p.getAccountHolderCount();
    }

    /** Employees on record, -1 when unknown. */
    public int getEmployeeCount() {
        return p == null || p.getEmployeeCount() == null ? -1 : p.getEmployeeCount();
    }

    /** Whether a local minute of the day falls inside the declared opening hours (true when none declared). */
    public boolean isOpenAt(int localMinute) {
        if (p == null || p.getOpeningHours() == null) {
            return true;
        }
        String[] parts = p.getOpeningHours().split("-");
        if (parts.length != 2) {
            return true;
        }
        int open = LocalTime.parse(parts[0].trim()).toSecondOfDay() / 60;
        int close = LocalTime.parse(parts[1].trim()).toSecondOfDay() / 60;
        return open <= close ? localMinute >= open && localMinute < close : localMinute >= open || localMinute < close;
    }

    public boolean hasOpeningHours() {
        return p != null && p.getOpeningHours() != null;
    }

    private LocalDate today() {
        return LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L)).atStartOfDay(ZoneOffset.UTC).toLocalDate();
    }
}
