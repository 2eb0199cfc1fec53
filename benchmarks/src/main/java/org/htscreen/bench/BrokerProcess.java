package org.htscreen.bench;

import java.util.concurrent.Callable;
import org.htscreen.job.local.EmbeddedKafka;
import picocli.CommandLine.Command;

/**
 * {@code broker}: runs a Kafka broker in this JVM, prints {@value #READY} and its bootstrap servers on standard
 * output, and stops when standard input ends (so it never outlives the benchmark that started it).
 */
@Command(name = BrokerProcess.NAME, mixinStandardHelpOptions = true, description = "A Kafka broker until standard input ends (used by e2e).")
public final class BrokerProcess implements Callable<Integer> {

    public static final String NAME = "broker";
    public static final String READY = "BOOTSTRAP ";

    @Override
    public Integer call() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the end of standard input
            }
        }
        return 0;
    }
}
