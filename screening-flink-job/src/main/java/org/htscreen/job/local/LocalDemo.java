package org.htscreen.job.local;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.DurationConverter;
import org.htscreen.job.JobOptions;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningJob;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.Topics;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The embedded default: starts a Kafka broker in this JVM (unless {@code --bootstrap-servers} names one), creates
 * the topics, runs the screening job on a local Flink environment, feeds it sample traffic (a benign population
 * with trafficking scenarios planted in it, replayed round after round with fresh ids and later times) and prints
 * alerts as they are committed to the reporting topic. Stops on Ctrl-C or after {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the screening job locally on sample traffic and prints the alerts.",
                "'job' runs the plain job against your Kafka instead (see 'job --help')."})
public final class LocalDemo implements Callable<Integer> {

    public static final String DURATION = "--duration";
    public static final String SEED = "--seed";
    public static final String CUSTOMERS = "--customers";
    public static final String RATE = "--rate";

    /** Sub-command that runs the plain job (no broker, no traffic) in this JVM: {@code java -jar ...-local.jar job --help}. */
    public static final String JOB_COMMAND = "job";

    /** How many rounds of the sample fit before the wall clock. */
    static final int ROUNDS = 12;

    @Mixin
    JobOptions job = new JobOptions();

    @Option(names = DURATION, description = "Stop after this long (e.g. 60s, 5m); default: until Ctrl-C.", converter = DurationConverter.class)
    Duration duration;

    @Option(names = SEED, description = "Seed of the sample traffic (default: ${DEFAULT-VALUE}).", defaultValue = "7")
    long seed = 7;

    @Option(names = CUSTOMERS, description = "Benign customers in the sample population (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int customers = 200;

    @Option(names = RATE, description = "Transactions fed per second (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int rate = 1000;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "org.htscreen.avro");
        CommandLine cl = new CommandLine(new LocalDemo());
        cl.addSubcommand(JOB_COMMAND, ScreeningJob.commandLine());
        cl.setParameterExceptionHandler((ex, a) -> {
            cl.getErr().println("demo: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            c.getErr().println("demo: " + ex.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka kafka = null;
        if (!isSet(JobOptions.BOOTSTRAP_SERVERS)) {
            say("starting an in-process Kafka broker ...");
            kafka = EmbeddedKafka.start();
            job.bootstrapServers = kafka.bootstrapServers();
        }
        if (!isSet(JobOptions.CHECKPOINT_INTERVAL)) {
            job.checkpointInterval = Duration.ofSeconds(2);   // exactly-once alerts become visible at checkpoints
        }
        if (!isSet(JobOptions.CHECKPOINT_DIR)) {   // the JobManager's memory refuses checkpoints above 5 MB
            job.checkpointDir = Files.createTempDirectory("htscreen-checkpoints").toUri().toString();
        }
        if (!isSet(JobOptions.PARALLELISM)) {
            job.parallelism = 2;
        }
        if (!isSet(JobOptions.IDLENESS)) {
            job.idleness = Duration.ofSeconds(2);
        }
        if (job.trustKeys.isEmpty() && !job.allowUnsignedControl) {
            job.allowUnsignedControl = true;   // the local demo's default; a deployed job refuses unsigned updates
            say("control updates are accepted unsigned (" + JobOptions.ALLOW_UNSIGNED_CONTROL + ", the local demo's "
                    + "default; give " + JobOptions.TRUST_KEY + " FILE to require signed bundles)");
        }
        Topics topics = new Topics(job);
        EmbeddedKafka.createTopics(job.bootstrapServers, topics.all(), 2);
        say("Kafka at " + job.bootstrapServers + "; topics " + topics.all());

        StreamExecutionEnvironment env = ScreeningJob.environment(job);
        ScreeningPipeline.build(env, job, RuleSource.of(job.rulesDir, job.parameters).withControl(job.controlPolicy()));
        JobClient client = env.executeAsync(ScreeningJob.JOB_NAME);
        say("screening job started (local Flink, parallelism " + job.parallelism + ", " + job.deliveryGuarantee
                + ", checkpoints every " + job.checkpointInterval.toSeconds() + " s)");

        AlertPrinter printer = new AlertPrinter(job.bootstrapServers, job.alertsTopic, System.out);
        Thread printerThread = new Thread(printer, "alert-printer");
        printerThread.start();
        CountDownLatch stop = new CountDownLatch(1);
        EmbeddedKafka broker = kafka;
        Thread hook = new Thread(() -> shutdown(client, printer, broker, stop), "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        Thread feeder = new Thread(() -> feed(stop), "sample-traffic");
        feeder.setDaemon(true);
        feeder.start();
        boolean timedOut = duration == null ? waitForever(stop) : !stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            say("duration reached, stopping");
            Runtime.getRuntime().removeShutdownHook(hook);
            shutdown(client, printer, broker, stop);
        }
        say(printer.printed() + " alerts printed");
        return 0;
    }

    private static boolean waitForever(CountDownLatch stop) throws InterruptedException {
        stop.await();
        return false;
    }

    private boolean isSet(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Feeds the sample round after round: profiles first, then transactions in event-time order, at the rate. */
    private void feed(CountDownLatch stop) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, job.bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        job.kafka.forEach(p::put);
        SampleConfig base = SampleConfig.small().withSeed(seed).withBenignCustomers(customers);
        // start far enough in the past that many rounds fit before the wall clock
        SampleConfig config = base.withStart(Instant.now().minus(Duration.ofDays((long) base.days() * ROUNDS))
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        Sample sample = SampleTraffic.generate(config);
        Duration span = Duration.ofDays(config.days());
        say("feeding " + sample.transactions().size() + " transactions and " + sample.profiles().size()
                + " profiles per round; planted: " + sample.labels().size() + " labelled accounts");
        AtomicLong failed = new AtomicLong();
        Callback check = (metadata, e) -> {
            if (e != null && failed.getAndIncrement() == 0) {
                say("a record could not be sent to Kafka (it is missing from the demo's input): " + e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PartyProfile profile : sample.profiles()) {
                producer.send(new ProducerRecord<>(job.profilesTopic, key(profile.getPartyId()), AvroBinary.encode(profile)), check);
            }
            long sent = 0;
            long started = System.nanoTime();
            for (int round = 0; stop.getCount() > 0; round++) {
                Duration shift = span.multipliedBy(round);
                for (Transaction t : sample.transactions()) {
                    if (stop.getCount() == 0) {
                        return;
                    }
                    Transaction shifted = round == 0 ? t : Transaction.newBuilder(t).setTxId(t.getTxId() + "-r" + round)
                            .setEventTime(t.getEventTime().plus(shift)).build();
                    if (shifted.getEventTime().isAfter(Instant.now())) {
                        say("sample traffic exhausted after " + round + " rounds (" + sent + " transactions); "
                                + (duration == null ? "press Ctrl-C to stop" : "waiting for the duration to end"));
                        return;
                    }
                    producer.send(new ProducerRecord<>(job.transactionsTopic, key(accountOf(t)), AvroBinary.encode(shifted)), check);
                    sent++;
                    long due = started + sent * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                say("round " + (round + 1) + " fed (" + sent + " transactions so far)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (failed.get() > 0) {
                say(failed.get() + " records could not be sent to Kafka");
            }
        }
    }

    private static String accountOf(Transaction t) {
        return t.getOriginator().getAccountId() != null ? t.getOriginator().getAccountId() : t.getBeneficiary().getAccountId();
    }

    private static byte[] key(String s) {
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void shutdown(JobClient client, AlertPrinter printer, EmbeddedKafka broker, CountDownLatch stop) {
        stop.countDown();
        try {
            client.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            say("job cancel: " + e.getMessage());
        }
        printer.stop();
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                say("broker close: " + e.getMessage());
            }
        }
    }

    private static void say(String message) {
        System.out.println("[demo] " + message);
    }
}
