package org.htscreen.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The machine and JVM a figure was measured on: cores, JVM version, maximum heap, load average. */
public final class Conditions {

    public static final String CORES = "cores";
    public static final String JVM = "jvm";
    public static final String HEAP = "heap";
    public static final String LOAD = "load_average";

    private Conditions() {
    }

    /** This process's conditions, by key. */
    public static Map<String, String> current() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CORES, String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put(JVM, "Java " + System.getProperty("java.runtime.version"));
        m.put(HEAP, heap(Runtime.getRuntime().maxMemory()));
        m.put(LOAD, load());
        return m;
    }

    /** The 1-minute load average now, e.g. {@code 1.73}. */
    public static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }

    static String heap(long bytes) {
        double g = bytes / (1024.0 * 1024 * 1024);
        return g >= 1 ? String.format(Locale.ROOT, "%.1fg", g) : (bytes / (1024 * 1024)) + "m";
    }
}
