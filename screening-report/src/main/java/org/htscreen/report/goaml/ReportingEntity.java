package org.htscreen.report.goaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The bank filing the report, as the FIU registered it in goAML, read from YAML (see
 * {@code docs/examples/reporting-entity.yaml}). Every field is optional: an absent one becomes a placeholder that
 * {@link #placeholders()} names, so a draft can be produced before registration and completed in goAML.
 *
 * @param rentityId        id the FIU assigned at goAML registration (placeholder 1)
 * @param rentityBranch    reporting branch (placeholder "Head office")
 * @param institutionName  the bank's name, as written in its own accounts (placeholder "Reporting bank")
 * @param institutionCode  the bank's code at the FIU; used when {@code swift} is absent
 * @param swift            the bank's BIC
 * @param country          ISO 3166-1 alpha-2 country of the bank (default CY)
 * @param currencyCodeLocal local currency (default EUR): amounts are reported in it
 * @param timeZone         zone for local report and transaction times when a transaction has none (default Asia/Nicosia)
 * @param submissionCode   E (electronic, the default) or M (manual)
 * @param reportingPerson  the compliance officer (MLCO) filing the report
 * @param location         address of the reporting office
 * @param action           what the bank did, for the report's {@code action} element (optional)
 */
public record ReportingEntity(
        @JsonProperty("rentity_id") Integer rentityId,
        @JsonProperty("rentity_branch") String rentityBranch,
        @JsonProperty("institution_name") String institutionName,
        @JsonProperty("institution_code") String institutionCode,
        @JsonProperty("swift") String swift,
        @JsonProperty("country") String country,
        @JsonProperty("currency_code_local") String currencyCodeLocal,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("submission_code") String submissionCode,
        @JsonProperty("reporting_person") Person reportingPerson,
        @JsonProperty("location") Address location,
        @JsonProperty("action") String action) {

    static final String PLACEHOLDER = "UNKNOWN";

    /** The MLCO filing the report. */
    public record Person(
            @JsonProperty("title") String title,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("email") String email,
            @JsonProperty("occupation") String occupation) {
    }

    /** A postal address. */
    public record Address(
            @JsonProperty("address") String address,
            @JsonProperty("town") String town,
            @JsonProperty("city") String city,
            @JsonProperty("zip") String zip,
            @JsonProperty("country_code") String countryCode) {
    }


    /** Every field a placeholder: for a first draft before the FIU registration data is at hand. */
    public static ReportingEntity placeholder() {
        return new ReportingEntity(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads the YAML file; an unknown key, a bad code or a bad value is an error naming the file. */
    public static ReportingEntity read(Path file) {
        return Yaml.read(file, ReportingEntity.class, e -> {
            if (e == null) {
                return placeholder();
            }
            e.check();
            return e;
        });
    }

    private void check() {
        if (rentityId != null && rentityId < 1) {
            throw new ReportException("rentity_id must be a positive whole number, was " + rentityId);
        }
        checkCountry("country", country);
        checkCountry("location.country_code", location == null ? null : location.countryCode());
        if (currencyCodeLocal != null && !Codes.isCurrency(currencyCodeLocal)) {
            throw new ReportException("currency_code_local: '" + currencyCodeLocal + "' is not a goAML currency code");
        }
        if (submissionCode != null && !submissionCode.equals("E") && !submissionCode.equals("M")) {
            throw new ReportException("submission_code must be E or M, was '" + submissionCode + "'");
        }
        if (swift != null && swift.length() > 11) {
            throw new ReportException("swift: a BIC has at most 11 characters, was '" + swift + "'");
        }
        zone();
    }

    private static void checkCountry(String field, String code) {
        if (code != null && !Codes.isCountry(code)) {
            throw new ReportException(field + ": '" + code + "' is not an ISO 3166-1 alpha-2 country code");
        }
    }

    int id() {
        return rentityId == null ? 1 : rentityId;
    }

    String branch() {
        return XmlText.fitOr(rentityBranch, "Head office", 255);
    }

    String bankName() {
        return XmlText.fitOr(institutionName, "Reporting bank", 255);
    }

    String countryCode() {
        return country == null ? "CY" : country;
    }

    String localCurrency() {
        return currencyCodeLocal == null ? "EUR" : currencyCodeLocal;
    }

    String submission() {
        return submissionCode == null ? "E" : submissionCode;
    }

    ZoneId zone() {
        try {
            return ZoneId.of(timeZone == null ? "Asia/Nicosia" : timeZone);
        } catch (DateTimeException e) {
            throw new ReportException("time_zone: '" + timeZone + "' is not a time zone");
        }
    }

    /** The fields filled with placeholders, by their YAML names (empty when the file gives everything needed). */
    public List<String> placeholders() {
        List<String> out = new ArrayList<>();
        if (rentityId == null) {
            out.add("rentity_id");
        }
        if (rentityBranch == null) {
            out.add("rentity_branch");
        }
        if (institutionName == null) {
            out.add("institution_name");
        }
        if (swift == null && institutionCode == null) {
            out.add("swift or institution_code");
        }
        if (reportingPerson == null || reportingPerson.firstName() == null || reportingPerson.lastName() == null) {
            out.add("reporting_person");
        }
        if (location == null || location.address() == null || location.city() == null) {
            out.add("location");
        }
        return out;
    }
}
