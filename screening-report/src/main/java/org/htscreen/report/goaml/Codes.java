package org.htscreen.report.goaml;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** ISO codes the goAML 5.0.1 lookups accept. */
final class Codes {

    /** ISO 4217 codes the JDK knows that goAML 5.0.1's currency list lacks (newer or fund codes). */
    static final Set<String> CURRENCIES_NOT_IN_GOAML = Set.of("AFA", "AYM", "AZM", "BOV", "BYB", "BYN", "CSD", "CUC",
            "MGF", "MRU", "MXV", "SDD", "SLE", "SRG", "UYI", "VED", "VES", "XCG", "XSU", "XUA", "ZWG", "ZWL", "ZWR");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Codes() {
    }

    /** An ISO 3166-1 alpha-2 code. */
    static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** An ISO 4217 code goAML 5.0.1 accepts. */
    static boolean isCurrency(String code) {
        if (code == null || CURRENCIES_NOT_IN_GOAML.contains(code)) {
            return false;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The country if it is a code goAML accepts, else goAML's unknown code. */
    static String country(String code) {
        if (code == null) {
            return "-";
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        return isCountry(c) ? c : "-";
    }
}
