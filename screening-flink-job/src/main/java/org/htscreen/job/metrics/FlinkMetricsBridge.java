package org.htscreen.job.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.htscreen.core.metrics.ScreeningMetrics;

/**
 * Shows the engine's Micrometer meters in Flink's metric system (and so in Flink's Prometheus reporter), under
 * the group {@code htscreen}: {@code screened}, {@code signals.<rule>} (live rules), {@code shadow_signals.<rule>}
 * (shadow rules), {@code shadow_failures}, {@code alerts.<typology>}, {@code alerts_suppressed.<typology>},
 * {@code evaluation_mean_us}, {@code evaluation_max_us}.
 */
public final class FlinkMetricsBridge {

    private final MeterRegistry registry;
    private final MetricGroup group;
    private final Set<String> registered = new HashSet<>();

    public FlinkMetricsBridge(MeterRegistry registry, MetricGroup parent) {
        this.registry = registry;
        this.group = parent.addGroup("htscreen");
        group.gauge("screened", (Gauge<Long>) () -> count(registry.find(ScreeningMetrics.SCREENED).counter()));
        group.gauge("shadow_failures", (Gauge<Long>) () -> count(registry.find(ScreeningMetrics.SHADOW_FAILURES).counter()));
        group.gauge("evaluation_mean_us", (Gauge<Double>) () -> {
            Timer t = registry.find(ScreeningMetrics.EVALUATION).timer();
            return t == null ? 0.0 : t.mean(TimeUnit.MICROSECONDS);
        });
        group.gauge("evaluation_max_us", (Gauge<Double>) () -> {
            Timer t = registry.find(ScreeningMetrics.EVALUATION).timer();
            return t == null ? 0.0 : t.max(TimeUnit.MICROSECONDS);
        });
    }

    /** Registers a gauge for a rule's signal counter the first time the rule is seen. */
    public void rule(String ruleId) {
        if (registered.add("signals." + ruleId)) {
            group.addGroup("signals").gauge(ruleId,
                    (Gauge<Long>) () -> count(registry.find(ScreeningMetrics.SIGNALS).tag("rule", ruleId)
                            .tag(ScreeningMetrics.MODE, "live").counter()));
        }
    }

    /** Registers a gauge for a shadow rule's signal counter the first time the rule is seen in shadow. */
    public void shadowRule(String ruleId) {
        if (registered.add("shadow_signals." + ruleId)) {
            group.addGroup("shadow_signals").gauge(ruleId,
                    (Gauge<Long>) () -> count(registry.find(ScreeningMetrics.SIGNALS).tag("rule", ruleId)
                            .tag(ScreeningMetrics.MODE, "shadow").counter()));
        }
    }

    /** Registers a gauge for a typology's alert counter the first time it is seen. */
    public void typology(String typology) {
        if (registered.add("alerts." + typology)) {
            group.addGroup("alerts").gauge(typology,
                    (Gauge<Long>) () -> count(registry.find(ScreeningMetrics.ALERTS).tag("typology", typology).counter()));
        }
    }

    /**
     * Registers a gauge for a typology's suppressed-alert counter ({@code alerts_suppressed.<typology>}) the first
     * time it is seen; tagged by typology only, the exemption ids are logged and written to the suppressed topic.
     */
    public void suppressed(String typology) {
        if (registered.add("alerts_suppressed." + typology)) {
            group.addGroup("alerts_suppressed").gauge(typology, (Gauge<Long>) () ->
                    count(registry.find(ScreeningMetrics.SUPPRESSED).tag("typology", typology).counter()));
        }
    }

    private static long count(Counter c) {
        return c == null ? 0L : (long) c.count();
    }
}
