package org.htscreen.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The first problem of a record, found field by field; once one is found the later checks are skipped. */
final class FieldChecks {

    private InputProblem first;

    boolean ok() {
        return first == null;
    }

    InputProblem first() {
        return first;
    }

    void fail(String field, String reason) {
        if (first == null) {
            first = new InputProblem(field, reason);
        }
    }

    boolean present(String field, Object value) {
        if (ok() && value == null) {
            fail(field, "missing");
        }
        return ok() && value != null;
    }

    /** A required string: not blank, at most {@code max} characters. */
    void required(String field, String value, int max) {
        if (present(field, value)) {
            if (value.isBlank()) {
                fail(field, "must not be blank");
            }
            optional(field, value, max);
        }
    }

    /** An optional string: null, or at most {@code max} characters. */
    void optional(String field, String value, int max) {
        if (ok() && value != null && value.length() > max) {
            fail(field, String.format(Locale.ROOT, "longer than %,d characters (%,d: %s)", max, value.length(),
                    InputProblem.quote(value)));
        }
    }

    void time(String field, Instant t) {
        if (present(field, t) && (t.isBefore(InputLimits.EARLIEST_TIME) || !t.isBefore(InputLimits.LATEST_TIME))) {
            fail(field, InputProblem.quote(t) + " is outside " + InputLimits.EARLIEST_TIME + " .. "
                    + InputLimits.LATEST_TIME);
        }
    }

    void date(String field, LocalDate d) {
        if (ok() && d != null && (d.isBefore(InputLimits.EARLIEST_DATE) || d.isAfter(InputLimits.LATEST_DATE))) {
            fail(field, InputProblem.quote(d) + " is outside " + InputLimits.EARLIEST_DATE + " .. "
                    + InputLimits.LATEST_DATE);
        }
    }

    void range(String field, Integer v, long min, long max) {
        if (ok() && v != null && (v < min || v > max)) {
            fail(field, String.format(Locale.ROOT, "%d is outside %d .. %d", v, min, max));
        }
    }

    /** A decimal within the schema's precision and scale; {@code positive} or else not negative. */
    void decimal(String field, BigDecimal v, boolean positive) {
        if (!ok() || v == null) {
            return;
        }
        String problem = decimalProblem(v);
        if (problem != null) {
            fail(field, problem);
        } else if (positive ? v.signum() <= 0 : v.signum() < 0) {
            fail(field, (positive ? "must be positive, was " : "must not be negative, was ") + v);   // bounded: checked above
        }
    }

    /**
     * Why a decimal does not fit {@link InputLimits#DECIMAL_PRECISION} digits with at most
     * {@link InputLimits#DECIMAL_SCALE} decimals, or null. Never scales the value: a huge exponent
     * ({@code 1e100000000}) costs nothing here.
     */
    static String decimalProblem(BigDecimal v) {
        int intDigits = InputLimits.DECIMAL_PRECISION - InputLimits.DECIMAL_SCALE;
        long whole = (long) v.precision() - v.scale();    // digits before the decimal point (<= 0 for 0.0x)
        if (v.signum() != 0 && whole > intDigits) {
            return "more than " + intDigits + " digits before the decimal point: " + InputProblem.quote(v);
        }
        if (v.scale() > InputLimits.DECIMAL_SCALE) {
            if (v.precision() > InputLimits.DECIMAL_PRECISION + 32
                    || v.stripTrailingZeros().scale() > InputLimits.DECIMAL_SCALE) {
                return "more than " + InputLimits.DECIMAL_SCALE + " decimals: " + InputProblem.quote(v);
            }
        }
        return null;
    }

    /** A list of at most {@code max} identifiers, each a present, non-placeholder id. */
    void identifiers(String field, List<String> values, int max, boolean placeholdersRefused) {
        if (!present(field, values)) {
            return;
        }
        if (values.size() > max) {
            fail(field, String.format(Locale.ROOT, "%,d entries, at most %,d", values.size(), max));
            return;
        }
        for (int i = 0; i < values.size() && ok(); i++) {
            String f = field + "[" + i + "]";
            required(f, values.get(i), InputLimits.MAX_ID_LENGTH);
            if (placeholdersRefused) {
                identifierHash(f, values.get(i));
            }
        }
    }

    /** An optional identifier hash: null (unknown), or a real value, not a placeholder. */
    void identifierHash(String field, String value) {
        if (ok() && value != null) {
            optional(field, value, InputLimits.MAX_ID_LENGTH);
            if (ok() && IdentifierPlaceholders.isPlaceholder(value)) {
                fail(field, InputProblem.quote(value) + " is a placeholder (blank, one repeated character, "
                        + "a hash of the empty string or a word such as 'unknown'), which every customer without "
                        + "one would share; send null when unknown");
            }
        }
    }
}
