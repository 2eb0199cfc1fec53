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
        String problem = InputLimits.decimalProblem(v, InputLimits.DECIMAL_PRECISION, InputLimits.DECIMAL_SCALE)
                .orElse(null);
        if (problem != null) {
            fail(field, problem);
        } else if (positive ? v.signum() <= 0 : v.signum() < 0) {
            fail(field, (positive ? "must be positive, was " : "must not be negative, was ") + v);   // bounded: checked above
        }
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
