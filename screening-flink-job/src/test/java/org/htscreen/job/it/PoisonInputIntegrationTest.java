package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.testkit.Profiles;
import org.htscreen.core.testkit.Tx;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.job.operators.DeadLetters;
import org.htscreen.job.operators.FailingRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input can never stop screening (issue 11): hostile records through Kafka and the whole job, with no restarts
 * allowed (a failure that escaped an operator would fail the test). Each becomes a bounded dead letter with the
 * reason, and the accounts after it still alert.
 */
class PoisonInputIntegrationTest extends KafkaFlinkTest {

    private static void run(JobOptions o, RuleSource rules) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, rules);
        env.execute("htscreen poison input test " + o.groupId);
    }

    /** A transaction whose decimal amount is {@code unscaled} as it is, past any precision (Avro's writer would refuse it). */
    static byte[] withRawAmount(Transaction tx, byte[] unscaled) throws IOException {
        Schema schema = Transaction.getClassSchema();
        GenericRecord g = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(AvroBinary.encode(tx), null));
        g.put("amount", ByteBuffer.wrap(unscaled));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(g, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Test
    @Timeout(240)
    void a_450_kb_transaction_and_a_screening_failure_become_dead_letters_and_screening_goes_on(@TempDir Path dir) throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "poison1");
        o.bounded = true;
        kafka.createTopics(new Topics(o).all(), 2);
        List<Transaction> txs = new ArrayList<>(JobIntegrationTest.plantedDeposits("CY-RING-1"));
        // where HT-CASH-01 fires on CY-RING-2, the rule set throws: that deposit is a dead letter, the later ones alert
        List<Transaction> ring2 = new ArrayList<>(JobIntegrationTest.plantedDeposits("CY-RING-2"));
        Transaction boom = Transaction.newBuilder(ring2.get(3)).setTxId(FailingRules.PREFIX + "-CY-RING-2-3").build();
        ring2.set(3, boom);
        txs.addAll(ring2);
        txs.addAll(JobIntegrationTest.benign("CY-SAL-1"));
        txs.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        List<Object> records = new ArrayList<>(txs);
        byte[] huge = new byte[450 * 1024];
        Arrays.fill(huge, (byte) 0x9c);   // negative, 1.1 million digits
        byte[] big = withRawAmount(Tx.cashDeposit("CY-SAL-1", 10).id("huge-amount").build(), huge);
        records.add(5, big);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, records, v -> null);

        run(o, FailingRules.in(dir.resolve("rules"), null));

        List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class);
        assertEquals(2, dead.size(), dead.stream().map(DeadLetter::getReason).toList().toString());

        DeadLetter large = dead.stream().filter(DeadLetter::getPayloadTruncated).findFirst().orElseThrow();
        assertEquals(big.length, large.getPayloadSize());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)), large.getPayloadSha256());
        assertEquals(DeadLetters.HEAD_BYTES, large.getPayload().remaining());
        assertTrue(large.getReason().contains("huge-amount: amount"), large.getReason());
        assertTrue(large.getReason().length() <= DeadLetters.MAX_REASON_CHARS);
        assertEquals(o.transactionsTopic, large.getSourceTopic());

        DeadLetter failed = dead.stream().filter(d -> !d.getPayloadTruncated()).findFirst().orElseThrow();
        assertEquals(ScreeningPipeline.UID_SCREENING, failed.getOperator());
        assertTrue(failed.getReason().contains("failed on key CY-RING-2"), failed.getReason());
        assertTrue(failed.getReason().contains(FailingRules.MESSAGE), failed.getReason());

        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        assertEquals(Set.of("CY-RING-1", "CY-RING-2"), alerts.stream().map(Alert::getAccountId).collect(Collectors.toSet()),
                "both rings alert, the one with the failed deposit from its later deposits: " + alerts);
        assertEquals(2, alerts.size());
        Alert ring2Alert = alerts.stream().filter(a -> a.getAccountId().equals("CY-RING-2")).findFirst().orElseThrow();
        assertFalse(ring2Alert.getSignals().stream().anyMatch(s -> s.getEvidenceTxIds().contains(boom.getTxId())),
                "the failed deposit left no trace in the account's state");
    }

    @Test
    @Timeout(240)
    void a_24_hour_business_keeps_being_screened_and_invalid_opening_hours_are_dead_letters() throws Exception {
        JobOptions o = KafkaTestSupport.options(kafka.bootstrapServers(), "poison2");
        o.bounded = true;
        kafka.createTopics(new Topics(o).all(), 2);
        List<PartyProfile> profiles = new ArrayList<>();
        profiles.add(Profiles.business("P-KIOSK", "CY-KIOSK-1", "47.11", 20_000).setOpeningHours("00:00-24:00").build());
        List<String> invalid = List.of("25:00-26:00", "9-17", "09.00-18.00", "ab-cd", "09:00-12:00-18:00");
        for (int i = 0; i < invalid.size(); i++) {
            profiles.add(Profiles.business("P-BAD-" + i, "CY-BAD-" + i, "47.11", 20_000).setOpeningHours(invalid.get(i)).build());
        }
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic, profiles, v -> ((PartyProfile) v).getPartyId());
        List<Transaction> txs = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            txs.add(Tx.cashDeposit("CY-KIOSK-1", 900).id("kiosk-" + d).day(d, 22).holder("P-KIOSK").build());
            txs.add(Tx.cashDeposit("CY-BAD-0", 900).id("bad-" + d).day(d, 22).holder("P-BAD-0").build());
        }
        txs.addAll(JobIntegrationTest.plantedDeposits("CY-RING-1"));   // later in the input: still alerts
        txs.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, txs, v -> ((Transaction) v).getTxId());

        run(o, RuleSource.bundled());

        List<DeadLetter> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.deadLetterTopic, DeadLetter.class);
        List<String> reasons = dead.stream().map(DeadLetter::getReason).toList();
        assertEquals(invalid.size(), dead.size(), "one dead letter per invalid profile, none for transactions: " + reasons);
        assertTrue(dead.stream().allMatch(d -> d.getSourceTopic().equals(o.profilesTopic)), reasons.toString());
        assertTrue(reasons.stream().allMatch(r -> r.contains("openingHours")), reasons.toString());
        assertEquals(new TreeSet<>(invalid), reasons.stream().map(r -> invalid.stream().filter(r::contains).findFirst().orElse("?"))
                .collect(Collectors.toCollection(TreeSet::new)), "each invalid value named in its reason: " + reasons);
        List<Alert> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);
        assertTrue(alerts.stream().anyMatch(a -> a.getAccountId().equals("CY-RING-1")), "later transactions still alert: " + alerts);
    }
}
