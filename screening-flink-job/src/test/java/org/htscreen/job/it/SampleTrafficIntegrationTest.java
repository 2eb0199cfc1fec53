package org.htscreen.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.samples.Label;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample population (benign customers with planted scenarios) through Kafka and the job: the planted accounts
 * alert, the benign ones do not, and the job gives exactly the alerts the embedded engine gives on the same input
 * in event-time order (live and backtest agree).
 */
class SampleTrafficIntegrationTest extends KafkaFlinkTest {

    /** What identifies an alert's content, without its processing time. */
    static String content(Alert a) {
        return a.getAlertId() + " " + a.getAccountId() + " " + a.getTypology() + " " + a.getRoleHint() + " " + a.getScore()
                + " " + a.getSignals().stream().map(s -> s.getRuleId() + ":" + s.getEvidenceTxIds()).sorted().toList();
    }

    @Test
    @Timeout(300)
    void planted_scenarios_alert_benign_customers_do_not_and_the_job_agrees_with_the_engine() throws Exception {
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        JobOptions o = KafkaTestSupport.replayOptions(kafka.bootstrapServers(), "sample");
        o.maxOutOfOrderness = Duration.ofMinutes(5);
        kafka.createTopics(new org.htscreen.job.Topics(o).all(), 2);
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.profilesTopic, sample.profiles(), p -> ((PartyProfile) p).getPartyId());
        KafkaTestSupport.produce(kafka.bootstrapServers(), o.transactionsTopic, sample.transactions(), t -> ((Transaction) t).getTxId());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScreeningJob.configure(env, o);
        ScreeningPipeline.build(env, o, RuleSource.bundled());
        env.execute("sample traffic");
        List<Alert> live = KafkaTestSupport.readAll(kafka.bootstrapServers(), o.alertsTopic, Alert.class);

        Map<String, Label> labels = sample.labels().stream().collect(Collectors.toMap(Label::accountId, l -> l, (a, b) -> a));
        Set<String> benignAlerted = live.stream().map(Alert::getAccountId).filter(a -> !labels.containsKey(a))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(benignAlerted.isEmpty(), "benign accounts alerted: " + benignAlerted);
        assertFalse(live.isEmpty());
        Set<String> scenarioTypologies = sample.labels().stream().map(l -> l.typology().name()).collect(Collectors.toSet());
        Set<String> alertedTypologies = live.stream()
                .filter(a -> labels.get(a.getAccountId()).typology() == a.getTypology())
                .map(a -> a.getTypology().name()).collect(Collectors.toSet());
        assertEquals(scenarioTypologies, alertedTypologies, "every planted typology alerts on a labelled account of it");

        List<Alert> backtest = KafkaTestSupport.engineAlerts(sample.profiles(), sample.transactions(), o.maxOutOfOrderness);
        assertEquals(new TreeSet<>(backtest.stream().map(SampleTrafficIntegrationTest::content).toList()),
                new TreeSet<>(live.stream().map(SampleTrafficIntegrationTest::content).toList()));
        assertEquals(backtest.size(), live.size());
    }
}
