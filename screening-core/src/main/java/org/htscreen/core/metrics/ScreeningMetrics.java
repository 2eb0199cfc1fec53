package org.htscreen.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import org.htscreen.core.catalogue.RuleMode;

/**
 * Micrometer meters of the engine, registered on whatever {@link MeterRegistry} the host passes:
 * <ul>
 *   <li>{@value #SCREENED}: account sides screened;</li>
 *   <li>{@value #SIGNALS} tagged {@code rule}, {@code family}, {@code mode} ({@code live} or {@code shadow}):
 *       signals raised per rule, a shadow rule's apart from the live ones;</li>
 *   <li>{@value #SHADOW_FAILURES}: evaluations of the shadow rules that failed or overran the time limit (the live
 *       screening of the same transaction is unaffected);</li>
 *   <li>{@value #ALERTS} tagged {@code typology}: alerts raised per typology;</li>
 *   <li>{@value #SUPPRESSED} tagged {@code typology}: alerts that exemptions kept from being raised (the
 *   exemption ids are in the outcome, not in tags, to keep the number of series bounded);</li>
 *   <li>{@value #EVALUATION}: time to screen one account side (features, rules, scoring);</li>
 *   <li>{@value #GATED_OUT}: account sides that opened no enabled live rule's gate and so did not enter the live
 *       rules' Drools session (ADR 0022; counted among {@value #SCREENED}).</li>
 * </ul>
 */
public final class ScreeningMetrics {

    public static final String SCREENED = "htscreen.screened";
    public static final String SIGNALS = "htscreen.signals";
    public static final String ALERTS = "htscreen.alerts";
    public static final String EVALUATION = "htscreen.evaluation";
    public static final String GATED_OUT = "htscreen.gated_out";
    public static final String SHADOW_FAILURES = "htscreen.shadow.failures";
    /** Tag of {@value #SIGNALS}: {@code live} or {@code shadow}. */
    public static final String MODE = "mode";
    public static final String SUPPRESSED = "htscreen.alerts.suppressed";

    private final MeterRegistry registry;
    private final Counter screened;
    private final Counter gatedOut;
    private final Timer evaluation;
    private final ConcurrentHashMap<String, Counter> signals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> shadowSignals = new ConcurrentHashMap<>();
    private final Counter shadowFailures;
    private final ConcurrentHashMap<String, Counter> alerts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> suppressed = new ConcurrentHashMap<>();

    public ScreeningMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.screened = Counter.builder(SCREENED).description("Account sides screened").register(registry);
        this.gatedOut = Counter.builder(GATED_OUT).description("Account sides that opened no rule's gate")
                .register(registry);
        this.shadowFailures = Counter.builder(SHADOW_FAILURES).description("Shadow rule evaluations that failed")
                .register(registry);
        this.evaluation = Timer.builder(EVALUATION).description("Time to screen one account side").register(registry);
    }

    /** Meters on a private in-memory registry (when the host does not care). */
    public static ScreeningMetrics inMemory() {
        return new ScreeningMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void screened() {
        screened.increment();
    }

    public void gatedOut() {
        gatedOut.increment();
    }

    /** Counts a live rule's signal. */
    public void signal(String ruleId, String family) {
        signals.computeIfAbsent(ruleId, id -> signalCounter(id, family, RuleMode.LIVE)).increment();
    }

    /** Counts a shadow rule's signal. */
    public void shadowSignal(String ruleId, String family) {
        shadowSignals.computeIfAbsent(ruleId, id -> signalCounter(id, family, RuleMode.SHADOW)).increment();
    }

    /** Counts an evaluation of the shadow rules that failed. */
    public void shadowFailure() {
        shadowFailures.increment();
    }

    private Counter signalCounter(String ruleId, String family, RuleMode mode) {
        return Counter.builder(SIGNALS).description("Signals raised per rule").tag("rule", ruleId).tag("family", family)
                .tag(MODE, mode.word()).register(registry);
    }

    public void alert(String typology) {
        alerts.computeIfAbsent(typology, t -> Counter.builder(ALERTS).description("Alerts raised per typology")
                .tag("typology", t).register(registry)).increment();
    }

    /** An alert of this typology that exemptions kept from being raised. */
    public void suppressed(String typology) {
        suppressed.computeIfAbsent(typology, t -> Counter.builder(SUPPRESSED)
                .description("Alerts suppressed by exemptions per typology").tag("typology", t).register(registry)).increment();
    }

    public void evaluationNanos(long nanos) {
        evaluation.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
