package org.htscreen.core;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Signal;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Suppression;

/**
 * What one call to the engine produced: an outcome per account side screened. With a lateness set, a call may
 * screen earlier transactions that were held back, or nothing yet.
 *
 * @param outcomes per account side, in screening order
 */
public record ScreeningResult(List<AccountOutcome> outcomes) {

    /** Every alert raised, in order. */
    public List<Alert> alerts() {
        List<Alert> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.alerts()));
        return all;
    }

    /**
     * Every signal raised by shadow rules ({@code mode: shadow}), in order: recorded for testing a rule next to the
     * live set, never counted in a score or alert. Each signal's account is its outcome's
     * ({@link AccountOutcome#shadowSignals()}).
     */
    public List<Signal> shadowSignals() {
        List<Signal> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.shadowSignals()));
        return all;
    }

    /** Every signal raised by live rules, in order. */
    public List<Signal> signals() {
        List<Signal> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.signals()));
        return all;
    }

    /** Every alert that exemptions kept from being raised, in order (ADR 0017). */
    public List<Suppression> suppressions() {
        List<Suppression> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.suppressions()));
        return all;
    }

    /** Exemptions found expired at their first use after expiry, in order. */
    public List<Exemption> expiredExemptions() {
        List<Exemption> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.expired()));
        return all;
    }
}
