package org.htscreen.job.local;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;
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
import picocli.CommandLine.Model.OptionSpec;
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

    /**
     * The demo's own defaults of job options (the plain job's are for a cluster): shown by {@code --help} and applied
     * unless the option is given. The bootstrap servers and checkpoint directory are decided in {@link #call()}.
     */
    static final Map<String, String> DEMO_DEFAULTS = Map.of(
            JobOptions.CHECKPOINT_INTERVAL, "2s",   // exactly-once alerts become visible at checkpoints
            JobOptions.PARALLELISM, "2",
            JobOptions.IDLENESS, "2s");
    static final Map<String, String> DEMO_DESCRIPTIONS = Map.of(
            JobOptions.BOOTSTRAP_SERVERS, "Kafka bootstrap servers (default: a broker started inside this JVM, with the topics created).",
            JobOptions.CHECKPOINT_DIR, "Checkpoint directory (URI; default: a new temporary directory).");

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "org.htscreen.avro");
        System.exit(commandLine().execute(args));
    }

    /** The demo's command line: its own defaults in the help, the plain job as sub-command {@value #JOB_COMMAND}. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LocalDemo());
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : List.copyOf(spec.options())) {   // copies: replace() changes the list
            String name = o.longestName();
            if (DEMO_DEFAULTS.containsKey(name) || DEMO_DESCRIPTIONS.containsKey(name)) {
                OptionSpec.Builder b = o.toBuilder();
                if (DEMO_DEFAULTS.containsKey(name)) {
                    b.defaultValue(DEMO_DEFAULTS.get(name));
                }
                if (DEMO_DESCRIPTIONS.containsKey(name)) {
                    b.description(DEMO_DESCRIPTIONS.get(name));
                }
                replace(spec, o, b.build());
            }
        }
        cl.addSubcommand(JOB_COMMAND, ScreeningJob.commandLine().setCommandName(JOB_COMMAND));
        cl.setParameterExceptionHandler((ex, a) -> {
            cl.getErr().println("demo: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            c.getErr().println("demo: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    /** Replaces an option in place (help lists options in declaration order). */
    private static void replace(CommandSpec spec, OptionSpec old, OptionSpec replacement) {
        List<OptionSpec> all = List.copyOf(spec.options());
        int at = all.indexOf(old);
        all.subList(at, all.size()).forEach(spec::remove);
        spec.addOption(replacement);
        all.subList(at + 1, all.size()).forEach(spec::addOption);
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka kafka = null;
        if (!isSet(JobOptions.BOOTSTRAP_SERVERS)) {
            say("starting an in-process Kafka broker ...");
            kafka = EmbeddedKafka.start();
            kafka.createGroupCoordinatorTopic();
            job.bootstrapServers = kafka.bootstrapServers();
        }
        if (!isSet(JobOptions.CHECKPOINT_DIR)) {   // the JobManager's memory refuses checkpoints above 5 MB
            job.checkpointDir = Files.createTempDirectory("htscreen-checkpoints").toUri().toString();
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
        ScreeningPipeline.build(env, job, RuleSource.of(job.rulesDir, job.parameters).withExemptions(job.exemptions).withControl(job.controlPolicy()));
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(ScreeningJob.JOB_NAME);
        MiniCluster flink = startFlink(Math.max(1, env.getParallelism()));
        JobID jobId = flink.submitJob(graph).get().getJobID();
        say("screening job started (local Flink, parallelism " + job.parallelism + ", " + job.deliveryGuarantee
                + ", checkpoints every " + job.checkpointInterval.toSeconds() + " s); Flink web UI "
                + flink.getRestAddress().get());

        Sample sample = sample();
        DemoSummary summary = new DemoSummary();
        AtomicLong feedStart = new AtomicLong();
        AlertPrinter printer = new AlertPrinter(job.bootstrapServers, job.alertsTopic, System.out, summary, feedStart::get);
        Thread printerThread = new Thread(printer, "alert-printer");
        printerThread.start();
        CountDownLatch stop = new CountDownLatch(1);
        Thread feeder = new Thread(() -> feed(sample, feedStart, stop), "sample-traffic");
        feeder.setDaemon(true);
        Stopping stopping = new Stopping(flink, jobId, printer, printerThread, feeder, kafka, stop, summary, sample);
        Thread hook = new Thread(stopping::run, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        feeder.start();
        boolean timedOut = duration == null ? waitForever(stop) : !stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            say("duration reached, stopping");
            Runtime.getRuntime().removeShutdownHook(hook);
            stopping.run();
        }
        return 0;
    }

    /** A local Flink cluster this demo owns, so that it can close it (sources, sinks, committers) before the broker. */
    private MiniCluster startFlink(int slots) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        // the demo obtains no Kerberos or other delegation tokens: without this Flink warns twice that it found none
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        flink.start();
        return flink;
    }

    /**
     * Ends the demo in an order that leaves nothing talking to a closed broker: stop feeding; stop the job with a
     * savepoint (its Kafka sinks commit their last transaction, so the alerts of the last checkpoint interval are
     * printed too); let the printer read them and leave its group; close Flink; close the broker; print the summary.
     */
    private final class Stopping {
        private final MiniCluster flink;
        private final JobID jobId;
        private final AlertPrinter printer;
        private final Thread printerThread;
        private final Thread feeder;
        private final EmbeddedKafka broker;
        private final CountDownLatch stop;
        private final DemoSummary summary;
        private final Sample sample;
        private boolean done;

        Stopping(MiniCluster flink, JobID jobId, AlertPrinter printer, Thread printerThread, Thread feeder,
                EmbeddedKafka broker, CountDownLatch stop, DemoSummary summary, Sample sample) {
            this.flink = flink;
            this.jobId = jobId;
            this.printer = printer;
            this.printerThread = printerThread;
            this.feeder = feeder;
            this.broker = broker;
            this.stop = stop;
            this.summary = summary;
            this.sample = sample;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            stop.countDown();
            try {
                feeder.join(TimeUnit.SECONDS.toMillis(30));
                stopJob();
                int seen;
                do {   // the last committed alerts: wait until the printer has seen none for a second
                    seen = printer.printed();
                    Thread.sleep(1000);
                } while (printer.printed() != seen);
                printer.stop();
                printerThread.join(TimeUnit.SECONDS.toMillis(30));
                flink.closeAsync().get(60, TimeUnit.SECONDS);
                if (broker != null) {
                    broker.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                say("stopping: " + e.getMessage());
            }
            summary.lines(sample.labels()).forEach(LocalDemo::say);
        }

        private void stopJob() throws InterruptedException {
            try {
                String dir = Files.createTempDirectory("htscreen-savepoints").toUri().toString();
                String savepoint = flink.stopWithSavepoint(jobId, dir, false, SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
                say("job stopped with a savepoint at " + savepoint);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                say("the job could not stop with a savepoint (" + e.getMessage() + "); cancelling it");
                try {
                    flink.cancelJob(jobId).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException c) {
                    say("job cancel: " + c.getMessage());
                }
            }
            try {
                flink.requestJobResult(jobId).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                say("job result: " + e.getMessage());
            }
        }
    }

    private static boolean waitForever(CountDownLatch stop) throws InterruptedException {
        stop.await();
        return false;
    }

    private boolean isSet(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The sample, starting far enough in the past that {@value #ROUNDS} rounds fit before the wall clock. */
    private Sample sample() {
        SampleConfig base = SampleConfig.small().withSeed(seed).withBenignCustomers(customers);
        return SampleTraffic.generate(base.withStart(Instant.now().minus(Duration.ofDays((long) base.days() * ROUNDS))
                .truncatedTo(ChronoUnit.DAYS)));
    }

    /** What the feed is, in words: what a round is and why an account can alert more than once. */
    static String feedExplanation(Sample sample, int days, int rate) {
        long accounts = sample.transactions().stream().map(LocalDemo::accountOf).distinct().count();
        long typologies = sample.labels().stream().map(l -> l.typology()).distinct().count();
        return "feeding sample traffic at " + rate + " transactions/s. One round is " + days + " days of banking of "
                + accounts + " accounts (" + sample.transactions().size() + " transactions, after "
                + sample.profiles().size() + " customer profiles), with " + sample.labels().size()
                + " planted accounts of " + typologies + " trafficking scenarios among them; each next round replays it "
                + days + " days later with new transaction ids, so the same accounts go on behaving the same way. "
                + "A planted account may alert under several typologies (its signals weigh into each), and again "
                + "in a later round once engine.suppression_days of event time have passed or its score has risen "
                + "by engine.rescore_margin.";
    }

    /** Feeds the sample round after round: profiles first, then transactions in event-time order, at the rate. */
    private void feed(Sample sample, AtomicLong feedStart, CountDownLatch stop) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, job.bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        job.kafka.forEach(p::put);
        Duration span = Duration.ofDays(SampleConfig.small().days());
        say(feedExplanation(sample, (int) span.toDays(), rate));
        AtomicLong failed = new AtomicLong();
        Callback check = (metadata, e) -> {
            if (e != null && failed.getAndIncrement() == 0) {
                say("a record could not be sent to Kafka (it is missing from the demo's input): " + e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            feedStart.set(System.nanoTime());
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

    private static void say(String message) {
        System.out.println("[demo] " + message);
    }
}
