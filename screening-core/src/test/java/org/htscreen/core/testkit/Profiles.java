package org.htscreen.core.testkit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.ResidencePermit;

/** Builders of test customer profiles. */
public final class Profiles {

    private Profiles() {
    }

    /** A person holding one account, onboarded long ago, with the given monthly income. */
    public static PartyProfile.Builder person(String partyId, String accountId, double monthlyIncome) {
        return PartyProfile.newBuilder()
                .setPartyId(partyId)
                .setUpdatedAt(Tx.T0.minusSeconds(86_400L * 400))
                .setKind(PartyKind.PERSON)
                .setAccountIds(List.of(accountId))
                .setBirthYear(1985)
                .setNationality("CY")
                .setResidenceCountry("CY")
                .setDeclaredMonthlyIncome(Tx.money(monthlyIncome))
                .setResidencePermit(ResidencePermit.EU_OR_NONE)
                .setOnboardingDate(LocalDate.of(2020, 1, 15));
    }

    /** A business holding one account, in a NACE sector, with expected monthly turnover. */
    public static PartyProfile.Builder business(String partyId, String accountId, String nace, double turnover) {
        return PartyProfile.newBuilder()
                .setPartyId(partyId)
                .setUpdatedAt(Tx.T0.minusSeconds(86_400L * 400))
                .setKind(PartyKind.BUSINESS)
                .setAccountIds(List.of(accountId))
                .setResidenceCountry("CY")
                .setSector(nace)
                .setEmployeeCount(5)
                .setDeclaredMonthlyIncome(BigDecimal.valueOf(turnover).setScale(2))
                .setOnboardingDate(LocalDate.of(2018, 6, 1));
    }
}
