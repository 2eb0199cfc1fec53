package org.htscreen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.htscreen.job.local.EmbeddedKafka;

/**
 * The Kafka broker of the end-to-end runs: a real single-node KRaft broker ({@link EmbeddedKafka}), either in a JVM
 * of its own ({@link #process}, so that its CPU time is measured apart from the job's and the raw pipe's) or in this
 * JVM ({@link #inProcess}, for the smoke test).
 */
public abstract class Broker implements AutoCloseable {

    public abstract String bootstrapServers();

    /** CPU seconds the broker has used so far; NaN when it shares this JVM. */
    public abstract double cpuSeconds();

    public abstract String where();

    public static Broker inProcess() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        return new Broker() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public double cpuSeconds() {
                return Double.NaN;
            }

            @Override
            public String where() {
                return "in the job's JVM";
            }

            @Override
            public void close() throws Exception {
                kafka.close();
            }
        };
    }

    /** Starts {@code Bench broker} in a new JVM with this JVM's class path; its output goes to {@code log}. */
    public static Broker process(String heap, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), Bench.class.getName(), BrokerProcess.NAME));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String bootstrap = null;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(BrokerProcess.READY)) {
                bootstrap = line.substring(BrokerProcess.READY.length()).trim();
                break;
            }
        }
        if (bootstrap == null) {
            p.destroy();
            throw new IOException("the broker process did not start (see " + log + ")");
        }
        String servers = bootstrap;
        return new Broker() {
            @Override
            public String bootstrapServers() {
                return servers;
            }

            @Override
            public double cpuSeconds() {
                return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
            }

            @Override
            public String where() {
                return "separate JVM, heap " + heap;
            }

            @Override
            public void close() throws Exception {
                p.getOutputStream().close();   // the broker stops when its standard input ends
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        };
    }
}
