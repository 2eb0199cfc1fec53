package org.htscreen.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters of the engine, registered on whatever {@link MeterRegistry} the host passes:
 * <ul>
 *   <li>{@value #SCREENED}: account sides screened;</li>
 *   <li>{@value #SIGNALS} tagged {@code rule}, {@code family}: signals raised per rule;</li>
 *   <li>{@value #ALERTS} tagged {@code typology}: alerts raised per typology;</li>
 *   <li>{@value #EVALUATION}: time to screen one account side (features, rules, scoring);</li>
 *   <li>{@value #GATED_OUT}: account sides that opened no enabled rule's gate and so did not enter Drools
 *       (ADR 0022; counted among {@value #SCREENED}).</li>
 * </ul>
 */
public final class ScreeningMetrics {

    public static final String SCREENED = "htscreen.screened";
    public static final String SIGNALS = "htscreen.signals";
    public static final String ALERTS = "htscreen.alerts";
    public static final String EVALUATION = "htscreen.evaluation";
    public static final String GATED_OUT = "htscreen.gated_out";

    private final MeterRegistry registry;
    private final Counter screened;
    private final Counter gatedOut;
    private final Timer evaluation;
    private final ConcurrentHashMap<String, Counter> signals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> alerts = new ConcurrentHashMap<>();

    public ScreeningMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.screened = Counter.builder(SCREENED).description("Account sides screened").register(registry);
        this.gatedOut = Counter.builder(GATED_OUT).description("Account sides that opened no rule's gate")
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

    public void signal(String ruleId, String family) {
        signals.computeIfAbsent(ruleId, id -> Counter.builder(SIGNALS).description("Signals raised per rule")
                .tag("rule", id).tag("family", family).register(registry)).increment();
    }

    public void alert(String typology) {
        alerts.computeIfAbsent(typology, t -> Counter.builder(ALERTS).description("Alerts raised per typology")
                .tag("typology", t).register(registry)).increment();
    }

    public void evaluationNanos(long nanos) {
        evaluation.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
