package org.htscreen.core.features;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.ResidencePermit;
import org.htscreen.core.OpeningHours;
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
    private OpeningHours hours;
    private boolean hoursParsed;

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

    /**
     * Whether a local minute of the day falls inside the declared opening hours (true when none are declared).
     * Never throws: hours that are not valid {@link OpeningHours} (which validation refuses before a profile is
     * stored) count as not declared.
     */
    public boolean isOpenAt(int localMinute) {
        OpeningHours h = openingHours();
        return h == null || h.isOpenAt(localMinute);
    }

    /** Whether the profile declares valid opening hours. */
    public boolean hasOpeningHours() {
        return openingHours() != null;
    }

    /** The declared opening hours, parsed once per profile fact; null when none or not valid. */
    private OpeningHours openingHours() {
        if (!hoursParsed) {
            hoursParsed = true;
            String text = p == null ? null : p.getOpeningHours();
            hours = text == null ? null : OpeningHours.tryParse(text).orElse(null);
        }
        return hours;
    }

    private LocalDate today() {
        return LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L)).atStartOfDay(ZoneOffset.UTC).toLocalDate();
    }
}
