package org.htscreen.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.htscreen.avro.Signal;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.RuleDefinition;

/**
 * The fact rules write their findings to. A rule's consequence reads:
 *
 * <pre>
 * $out.signal("HT-CASH-01", $t)
 *     .reason(String.format("%d cash deposits ...", ...))
 *     .observed("deposits", $f.getDepositCount())
 *     .evidence($f.getDepositEvidence())
 *     .emit();
 * </pre>
 *
 * One sink serves one evaluation; the engine drains it afterwards.
 */
public final class SignalSink {

    private final Catalogue catalogue;
    private final List<Signal> signals = new ArrayList<>();

    public SignalSink(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Starts a signal of a catalogue rule for the transaction being screened. */
    public Draft signal(String ruleId, org.htscreen.core.features.ScreenedTransaction tx) {
        RuleDefinition def = catalogue.rule(ruleId)
                .orElseThrow(() -> new IllegalStateException("rule " + ruleId + " is not in the catalogue"));
        return new Draft(def, tx);
    }

    /** Signals emitted since the last drain, in firing order; empties the sink. */
    public List<Signal> drain() {
        List<Signal> out = List.copyOf(signals);
        signals.clear();
        return out;
    }

    /** A signal being written by a rule consequence. */
    public final class Draft {
        private final RuleDefinition def;
        private final org.htscreen.core.features.ScreenedTransaction tx;
        private String reason;
        private final Map<String, String> observed = new LinkedHashMap<>();
        private final List<String> evidence = new ArrayList<>();

        private Draft(RuleDefinition def, org.htscreen.core.features.ScreenedTransaction tx) {
            this.def = def;
            this.tx = tx;
        }

        /** Why the rule fired, in words, with observed values against thresholds. */
        public Draft reason(String text) {
            this.reason = text;
            return this;
        }

        /** An observed value by name (numbers are written without needless decimals). */
        public Draft observed(String name, Object value) {
            observed.put(name, format(value));
            return this;
        }

        /** Evidence transaction ids (the screened transaction is always added). */
        public Draft evidence(List<String> txIds) {
            if (txIds != null) {
                for (String id : txIds) {
                    if (!evidence.contains(id)) {
                        evidence.add(id);
                    }
                }
            }
            return this;
        }

        /** Adds the signal to the sink. */
        public void emit() {
            if (reason == null || reason.isBlank()) {
                throw new IllegalStateException("rule " + def.id() + " emitted a signal without a reason");
            }
            if (!evidence.contains(tx.getTxId())) {
                evidence.add(tx.getTxId());
            }
            // the all-fields constructor: the builder's per-field validation and default copies cost more than
            // the rest of the signal (every field is given here; a field added to the schema must be added too)
            signals.add(new Signal(def.id(), def.family().name(), def.title(), reason, new LinkedHashMap<>(observed),
                    new ArrayList<>(evidence), java.time.Instant.ofEpochMilli(tx.getTime()), 0.0));
        }
    }

    /** A ratio as a whole percentage, e.g. 0.834 as {@code 83}. */
    public static String percent(double ratio) {
        return Long.toString(Math.round(ratio * 100));
    }

    /** Formats a number for a reason or observed value: whole numbers without decimals, others with two. */
    public static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }
}
