package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.Typology;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole job on a Flink MiniCluster (parallelism 2) against a real Kafka broker started in this JVM: alerts for a
 * planted pattern, none for benign traffic, dead letters for bad records, and exactly-once alerts across a failure.
 */
class JobIntegrationTest extends KafkaFlinkTest {

    /** Night cash paid in by strangers at ATMs in four towns (HT-CASH-01, HT-CASH-05, HT-SPEND-05). */
    static List<Transaction> plantedDeposits(String account) {
        String[] towns = {"Limassol", "Larnaca", "Paphos", "Nicosia"};
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            txs.add(Tx.cashDeposit(account, 180).id(account + "-dep-" + i).at(Tx.T0.plusSeconds(43_200L * i + 48_600))
                    .terminal("ATM-" + i, towns[i % 4]).holder("P-" + account).conductor("walk-in-" + i).build());
        }
        return txs;
    }

    /** A salaried person's month: salary, bills, groceries, a little cash. */
    static List<Transaction> benign(String account) {
        List<Transaction> txs = new ArrayList<>();
        txs.add(Tx.transferIn(account, 1900, "CY-EMPLOYER-1").id(account + "-sal").purpose("SALA").day(0, 1).build());
        txs.add(Tx.card(account, 80, "4900", "EAC").id(account + "-eac").day(1, 2).build());
        for (int d = 0; d < 20; d++) {
            txs.add(Tx.card(account, 25, "5411", "Supermarket").id(account + "-g" + d).day(d, 9).merchantCity("Nicosia").build());
        }
        txs.add(Tx.atmWithdrawal(account, 60).id(account + "-atm").day(3, 9).terminal("BANK-ATM-1", "Nicosia").build());
        return txs;
    }

    private static List<Transaction> sorted(List<Transaction> txs) {
        List<Transaction> s = new ArrayList<>(txs);
        s.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        return s;
    }

    private static void createTopics(JobOptions o) throws Exception {
        kafka.createTopics(List.of(o.transactionsTopic, o.profilesTopic, o.controlTopic, o.alertsTopic,
                o.deadLetterTopic, o.controlResultsTopic), 2);
    }

    private static void run(JobOptions o, RuleSource rules, MapFunction<Transaction, Transaction> tap) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        TypeInformation<Transaction> type = new AvroTypeInfo<>(Transaction.class);
        ScreeningPipeline.build(env, o, rules, s -> s.map(tap, type).name("test tap").uid("test-tap"));
        env.execute("htscreen integration test");
    }

    @Test
    @Timeout(180)
    void planted_pattern_alerts_benign_traffic_does_not_and_bad_records_are_dead_lettered() throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "it1");
        o.bounded = true;
        createTopics(o);
        List<Object> records = new ArrayList<>(sorted(concat(plantedDeposits("CY-RING-1"), benign("CY-SAL-1"), benign("CY-SAL-2"))));
        records.add(3, new byte[] {1, 2, 3, 4});                                                  // not Avro
        records.add(5, Tx.cashDeposit("CY-SAL-1", 10).id("bad-amount").amount(0.0).build().toString().getBytes()); // JSON, not Avro
        records.add(7, Tx.cashDeposit("CY-SAL-1", 10).id("bad-currency").currency("XXX").day(2, 0).build());
        records.add(9, Tx.cashDeposit("CY-SAL-1", 10).id("bad-sign").amount(-5).day(2, 1).build());
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, records, v -> null);

        run(o, RuleSource.bundled(), t -> t);

        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        assertEquals(1, alerts.size(), "one alert: the planted account; benign accounts none: " + alerts);
        Alert a = alerts.get(0);
        assertEquals("CY-RING-1", a.getAccountId());
        assertEquals(Typology.SEXUAL_EXPLOITATION, a.getTypology());
        assertTrue(a.getSignals().size() >= 2);

        List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class);
        assertEquals(4, dead.size(), dead.toString());
        Set<String> reasons = dead.stream().map(DeadLetter::getReason).collect(Collectors.toSet());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown currency 'XXX'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("bad-sign: amount: must be positive")), reasons.toString());
        assertTrue(reasons.stream().filter(r -> r.startsWith("not a valid Avro Transaction") || r.startsWith("not a Transaction")).count() == 2,
                reasons.toString());
        DeadLetter garbage = dead.stream().filter(d -> d.getPayload().remaining() == 4).findFirst().orElseThrow();
        assertEquals(o.transactionsTopic, garbage.getSourceTopic());
        assertTrue(garbage.getOffset() >= 0);
    }

    /** Fails once, after a given number of transactions, the first time only. */
    static final class FailOnce implements MapFunction<Transaction, Transaction> {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger SEEN = new AtomicInteger();
        private final int after;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public Transaction map(Transaction t) throws Exception {
            if (SEEN.incrementAndGet() == after && FAILED.compareAndSet(false, true)) {
                Thread.sleep(1500);   // let a checkpoint complete before the failure
                throw new IllegalStateException("injected failure after " + after + " transactions");
            }
            return t;
        }
    }

    @Test
    @Timeout(240)
    void after_a_failure_mid_stream_every_alert_is_on_the_topic_exactly_once() throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "it2");
        o.bounded = true;
        createTopics(o);
        List<Transaction> txs = new ArrayList<>();
        for (int ring = 0; ring < 6; ring++) {
            txs.addAll(plantedDeposits("CY-RING-" + ring));
        }
        for (int b = 0; b < 10; b++) {
            txs.addAll(benign("CY-SAL-" + b));
        }
        List<Object> records = new ArrayList<>(sorted(txs));
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, records, v -> ((Transaction) v).getTxId());

        run(o, RuleSource.bundled(), new FailOnce(records.size() / 4));

        assertTrue(FailOnce.FAILED.get(), "the failure must really have happened");
        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        List<String> ids = alerts.stream().map(Alert::getAlertId).toList();
        assertEquals(Set.copyOf(ids).size(), ids.size(), "no alert twice: " + ids);
        assertEquals(Set.of("CY-RING-0", "CY-RING-1", "CY-RING-2", "CY-RING-3", "CY-RING-4", "CY-RING-5"),
                alerts.stream().map(Alert::getAccountId).collect(Collectors.toSet()));
        assertEquals(6, alerts.size());
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            all.addAll(l);
        }
        return all;
    }

}
