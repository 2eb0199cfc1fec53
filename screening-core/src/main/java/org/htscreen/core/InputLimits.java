package org.htscreen.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Bounds every transaction and profile must keep before it is screened or stored ({@link TransactionValidator},
 * {@link ProfileValidator}); the job, the engine and the workbench all check them. They are far above what a
 * payment scheme or a core banking system produces (SEPA remittance text: 140 characters, SWIFT names: 4 x 35),
 * so real traffic never meets them; they exist so that one hostile record cannot cost unbounded memory or time,
 * or overflow date arithmetic later.
 */
public final class InputLimits {

    /** Characters of an identifier or code: ids, account ids, hashes, BIC, country, currency, zone, MCC. */
    public static final int MAX_ID_LENGTH = 256;
    /** Characters of a name or short free text: party, merchant and passenger names, towns, occupation, sector. */
    public static final int MAX_NAME_LENGTH = 512;
    /** Characters of a payment reference (remittance text). */
    public static final int MAX_TEXT_LENGTH = 2_048;
    /** Accounts one profile may name ({@code accountIds}); the profile is copied into each account's state. */
    public static final int MAX_ACCOUNT_IDS = 1_000;
    /** Devices one profile may name ({@code deviceIds}). */
    public static final int MAX_DEVICE_IDS = 100;
    /** Joint holders and authorised users on one account ({@code accountHolderCount}). */
    public static final int MAX_HOLDER_COUNT = 10_000;
    /** Employees of a business ({@code employeeCount}). */
    public static final int MAX_EMPLOYEE_COUNT = 10_000_000;
    /** Total digits of a decimal amount, the schema's precision. */
    public static final int DECIMAL_PRECISION = 18;
    /** Decimals of an amount, the schema's scale (trailing zeros beyond it are fine: 180.500). */
    public static final int DECIMAL_SCALE = 2;
    /** Earliest {@code eventTime} / {@code updatedAt} (inclusive). */
    public static final Instant EARLIEST_TIME = Instant.parse("1970-01-01T00:00:00Z");
    /** Latest {@code eventTime} / {@code updatedAt} (exclusive). */
    public static final Instant LATEST_TIME = Instant.parse("2100-01-01T00:00:00Z");
    /** Earliest date ({@code onboardingDate}, {@code maritalStatusChangedOn}; inclusive); also the earliest birth year. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** Latest date (inclusive); also the latest birth year. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2099, 12, 31);

    private InputLimits() {
    }

    /**
     * Why a decimal does not fit a schema decimal of {@code precision} digits with {@code scale} decimals, or empty
     * when it does (then {@code setScale(scale, UNNECESSARY)} is exact and cheap). Never scales the value itself: a
     * huge exponent ({@code 1e100000000}, {@code 0E-999999999}) is refused by its exponent and costs nothing.
     */
    public static java.util.Optional<String> decimalProblem(BigDecimal v, int precision, int scale) {
        int intDigits = precision - scale;
        if (v.scale() < -intDigits || v.scale() > scale + 32 || v.precision() > precision + 32) {
            return java.util.Optional.of("not a decimal of at most " + intDigits + " digits before and " + scale
                    + " after the decimal point: " + InputProblem.quote(v));
        }
        if (v.signum() != 0 && v.precision() - v.scale() > intDigits) {
            return java.util.Optional.of("more than " + intDigits + " digits before the decimal point: "
                    + InputProblem.quote(v));
        }
        if (v.scale() > scale && v.stripTrailingZeros().scale() > scale) {
            return java.util.Optional.of("more than " + scale + " decimals: " + InputProblem.quote(v));
        }
        return java.util.Optional.empty();
    }
}
