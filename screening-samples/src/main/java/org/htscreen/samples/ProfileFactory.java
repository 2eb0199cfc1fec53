package org.htscreen.samples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.ResidencePermit;

/**
 * KYC profiles of sample customers, each with its own address, phone and e-mail hash and its registered
 * device, dated the day before the traffic starts. Scenarios override what their people share.
 */
final class ProfileFactory {

    private ProfileFactory() {
    }

    /** A private customer. */
    static PartyProfile.Builder person(Bank bank, Customer c, int birthYear, String nationality, String occupation,
            double monthlyIncome, ResidencePermit permit, LocalDate onboarding) {
        List<String> devices = new ArrayList<>();
        if (c.device() != null) {
            devices.add(c.device());
        }
        return PartyProfile.newBuilder()
                .setPartyId(c.partyId())
                .setUpdatedAt(bank.profileTime())
                .setKind(PartyKind.PERSON)
                .setAccountIds(List.of(c.accountId()))
                .setBirthYear(birthYear)
                .setNationality(nationality)
                .setResidenceCountry("CY")
                .setOccupation(occupation)
                .setDeclaredMonthlyIncome(eur(monthlyIncome))
                .setResidencePermit(permit)
                .setOnboardingDate(onboarding)
                .setAddressHash(Bank.hash("address", c.partyId()))
                .setPhoneHash(Bank.hash("phone", c.partyId()))
                .setEmailHash(Bank.hash("email", c.partyId()))
                .setDeviceIds(devices);
    }

    /** A business customer in a NACE sector, with its expected monthly turnover. */
    static PartyProfile.Builder business(Bank bank, Customer c, String nace, int employees, double turnover,
            LocalDate onboarding) {
        return PartyProfile.newBuilder()
                .setPartyId(c.partyId())
                .setUpdatedAt(bank.profileTime())
                .setKind(PartyKind.BUSINESS)
                .setAccountIds(List.of(c.accountId()))
                .setResidenceCountry("CY")
                .setOccupation(c.name())
                .setSector(nace)
                .setEmployeeCount(employees)
                .setDeclaredMonthlyIncome(eur(turnover))
                .setOnboardingDate(onboarding)
                .setAddressHash(Bank.hash("address", c.partyId()))
                .setPhoneHash(Bank.hash("phone", c.partyId()))
                .setEmailHash(Bank.hash("email", c.partyId()));
    }

    static BigDecimal eur(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }
}
