package org.htscreen.job.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.checkpoint.DefaultCheckpointStatsTracker;
import org.apache.flink.runtime.metrics.MetricNames;
import org.apache.flink.runtime.metrics.NoOpMetricRegistry;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.GenericMetricGroup;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.job.operators.DeadLetters;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard ({@code docker/grafana/dashboards/htscreen.json}) queries exists: the job's
 * own gauges as {@link FlinkMetricsBridge} registers them in a Flink metric group, Flink's operator metrics
 * ({@link MetricNames}) and its checkpoint metrics, each named as Flink's Prometheus reporter names them
 * ({@code flink_<scope>_<name>}, characters outside {@code [a-zA-Z0-9:_]} as {@code _}). A name used as a prefix
 * in the dashboard ({@code __name__=~"..._signals_.+"}) must be the prefix of a registered name.
 */
class DashboardMetricsTest {

    static final Path DASHBOARD = Path.of("..", "docker", "grafana", "dashboards", "htscreen.json");
    static final String OPERATOR_SCOPE = "flink_taskmanager_job_task_operator_";
    static final String JOB_MANAGER_JOB_SCOPE = "flink_jobmanager_job_";
    private static final Pattern METRIC = Pattern.compile("flink_[A-Za-z0-9_:]+");

    /** A real Flink registry that reports nothing but remembers every name registered, as the reporter names it. */
    static final class NameRecorder extends NoOpMetricRegistry {
        final Set<String> names = new TreeSet<>();
        final java.util.Map<String, Metric> metrics = new java.util.HashMap<>();

        @Override
        public void register(Metric metric, String name, AbstractMetricGroup<?> group) {
            String full = OPERATOR_SCOPE + group.getLogicalScope(DashboardMetricsTest::prometheusName, '_')
                    .replaceFirst("^operator_", "") + "_" + prometheusName(name);
            names.add(full);
            metrics.put(full, metric);
        }
    }

    static String prometheusName(String s) {
        return s.replaceAll("[^a-zA-Z0-9:_]", "_");
    }

    /** Every name the job's metric code registers, with a rule and a typology seen. */
    static Set<String> jobMetrics() {
        NameRecorder registry = new NameRecorder();
        GenericMetricGroup operator = new GenericMetricGroup(registry, null, "operator");
        FlinkMetricsBridge bridge = new FlinkMetricsBridge(new SimpleMeterRegistry(), operator);
        bridge.rule("HT-CASH-01");
        bridge.typology("SEXUAL_EXPLOITATION");
        operator.addGroup("htscreen").counter(AccountScreening.LATE_TRANSACTIONS);
        DeadLetters.failureCounter(operator);
        return registry.names;
    }

    /** Flink's own names: operator metrics and the JobManager's checkpoint metrics. */
    static Set<String> flinkMetrics() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (String n : constants(MetricNames.class)) {
            names.add(OPERATOR_SCOPE + n);
        }
        for (String n : constants(DefaultCheckpointStatsTracker.class)) {
            names.add(JOB_MANAGER_JOB_SCOPE + n);
        }
        return names;
    }

    private static List<String> constants(Class<?> c) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    static List<String> expressions() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
        }
        return out;
    }

    @Test
    void the_recorder_names_metrics_as_the_prometheus_reporter_does() {
        Set<String> names = jobMetrics();
        assertTrue(names.contains("flink_taskmanager_job_task_operator_htscreen_screened"), names.toString());
        assertTrue(names.contains("flink_taskmanager_job_task_operator_htscreen_signals_HT_CASH_01"), names.toString());
        assertTrue(names.contains("flink_taskmanager_job_task_operator_htscreen_alerts_SEXUAL_EXPLOITATION"), names.toString());
    }

    @Test
    void shadow_signals_have_their_own_gauges_and_never_count_as_live_ones() {
        NameRecorder registry = new NameRecorder();
        GenericMetricGroup operator = new GenericMetricGroup(registry, null, "operator");
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        org.htscreen.core.metrics.ScreeningMetrics m = new org.htscreen.core.metrics.ScreeningMetrics(meters);
        FlinkMetricsBridge bridge = new FlinkMetricsBridge(meters, operator);
        m.signal("HT-CASH-01", "CASH");
        m.signal("HT-CASH-01", "CASH");
        for (int i = 0; i < 3; i++) {   // the same rule in shadow after a rule-set update
            m.shadowSignal("HT-CASH-01", "CASH");
        }
        m.shadowFailure();
        bridge.rule("HT-CASH-01");
        bridge.shadowRule("HT-CASH-01");
        String live = OPERATOR_SCOPE + "htscreen_signals_HT_CASH_01";
        String shadow = OPERATOR_SCOPE + "htscreen_shadow_signals_HT_CASH_01";
        String failures = OPERATOR_SCOPE + "htscreen_shadow_failures";
        assertTrue(registry.names.containsAll(java.util.List.of(live, shadow, failures)), registry.names.toString());
        assertEquals(2L, ((org.apache.flink.metrics.Gauge<?>) registry.metrics.get(live)).getValue());
        assertEquals(3L, ((org.apache.flink.metrics.Gauge<?>) registry.metrics.get(shadow)).getValue());
        assertEquals(1L, ((org.apache.flink.metrics.Gauge<?>) registry.metrics.get(failures)).getValue());
        assertFalse(shadow.startsWith(OPERATOR_SCOPE + "htscreen_signals_"), "the dashboard's live-signal prefix");
    }

    @Test
    void every_metric_the_dashboard_queries_exists() throws Exception {
        Set<String> known = new TreeSet<>(jobMetrics());
        known.addAll(flinkMetrics());
        List<String> exprs = expressions();
        assertFalse(exprs.isEmpty(), "no queries in " + DASHBOARD);
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String name = m.group();
                boolean prefix = expr.startsWith(".+", m.end()) || expr.startsWith("(.+)", m.end());
                boolean exists = prefix ? known.stream().anyMatch(k -> k.startsWith(name) && k.length() > name.length())
                        : known.contains(name);
                if (!exists) {
                    unknown.add(name + (prefix ? "* " : " ") + "in " + expr);
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "only " + checked + " metric names found in " + DASHBOARD);
        assertEquals(List.of(), unknown, "the dashboard queries metrics that nothing registers");
    }
}
