package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kafka} refusals that need no broker: wrong wire options, bad arguments, and a broker that does not answer
 * (a closed port on 127.0.0.1). The commands against a running job are tested in the job module
 * ({@code OperatorToolIntegrationTest}), where the in-process broker and Flink are.
 */
@Timeout(60)
class KafkaCommandTest {

    private static final String TRANSACTIONS = Cli.EXAMPLES.resolve("transactions.csv").toString();
    /** Nothing listens on the discard port of the loopback address here. */
    private static final String NOBODY = "127.0.0.1:9";

    private static void assertExit(Cli.Result r, int code, String lastLine) {
        assertEquals(code, r.code(), r.toString());
        String[] lines = r.err().strip().split("\n");
        assertTrue(lines[lines.length - 1].startsWith(lastLine), r.toString());
    }

    @Test
    void the_confluent_format_needs_a_registry() {
        Cli.Result r = Cli.run("kafka", "produce-transactions", TRANSACTIONS, "--wire-format", "confluent");
        assertExit(r, 2, "exit 2: usage error");
        assertTrue(r.err().contains("--wire-format CONFLUENT needs --schema-registry-url"), r.toString());
    }

    @Test
    void a_registry_without_the_confluent_format_is_refused() {
        Cli.Result r = Cli.run("kafka", "tail-alerts", "--schema-registry-url", "http://127.0.0.1:9", "--timeout", "1s");
        assertExit(r, 2, "exit 2: usage error");
        assertTrue(r.err().contains("--schema-registry-url is used only with --wire-format CONFLUENT"), r.toString());
    }

    @Test
    void a_writer_schema_that_is_not_avro_is_refused_naming_the_file() {
        Path notAvro = Cli.EXAMPLES.resolve("transactions.csv");
        Cli.Result r = Cli.run("kafka", "produce-transactions", TRANSACTIONS, "--wire-format", "single_object",
                "--writer-schema", notAvro.toString());
        assertExit(r, 2, "exit 2: usage error");
        assertTrue(r.err().contains("--writer-schema " + notAvro + ": not an Avro schema"), r.toString());
    }

    @Test
    void tail_alerts_needs_a_positive_max() {
        assertExit(Cli.run("kafka", "tail-alerts", "--max", "0"), 2, "exit 2: usage error");
    }

    @Test
    void publish_control_needs_a_bundle_file() {
        Cli.Result r = Cli.run("kafka", "publish-control", "no-such-bundle.zip");
        assertExit(r, 2, "exit 2: input error");
        assertTrue(r.err().contains("no-such-bundle.zip: no such bundle file"), r.toString());
    }

    @Test
    void a_broker_that_does_not_answer_ends_producing_within_the_timeout() {
        long start = System.nanoTime();
        Cli.Result r = Cli.run("kafka", "produce-transactions", TRANSACTIONS, "--bootstrap-servers", NOBODY, "--timeout", "2s");
        assertExit(r, 3, "exit 3: Kafka at " + NOBODY + " did not take the transactions for transactions within 2 s");
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 15, "one timeout, not one per record");
    }

    @Test
    void a_broker_that_does_not_answer_ends_tailing_within_the_timeout() {
        Cli.Result r = Cli.run("kafka", "tail-alerts", "--bootstrap-servers", NOBODY, "--timeout", "2s");
        assertExit(r, 3, "exit 3: Kafka at " + NOBODY + " did not answer within 2 s");
    }

    @Test
    void the_kafka_group_needs_a_command() {
        assertExit(Cli.run("kafka"), 2, "exit 2: usage error");
    }
}
