package org.htscreen.workbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.Transaction;
import org.htscreen.core.bundle.BundleException;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.wire.RecordCodec;
import org.htscreen.wire.WireException;
import org.htscreen.wire.WireSettings;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.InputException;
import org.htscreen.workbench.io.RecordSink;
import org.htscreen.workbench.io.RecordSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kafka}: the operator's tool for a running job's topics, in the job's wire format: send transactions and
 * profiles from files, read alerts, publish a signed control update and wait for the job's answer.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Operate a running screening job through its Kafka topics, in its wire format (--wire-format, "
                + "--schema-registry-url as given to the job).",
        subcommands = {KafkaCommand.ProduceTransactions.class, KafkaCommand.ProduceProfiles.class,
                KafkaCommand.TailAlerts.class, KafkaCommand.PublishControl.class},
        footer = {"", "Exit codes: 0 success, 1 a control update rejected or fewer alerts than --max, 2 usage or input "
                + "errors, 3 Kafka, the registry or the job did not answer in time."})
public final class KafkaCommand implements Runnable {

    /** Kafka, the registry or the job did not answer within the timeout. */
    public static final int NO_ANSWER = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "kafka needs a command: produce-transactions, produce-profiles, tail-alerts or publish-control");
    }

    /** Prints {@code exit N: why} and returns N. */
    static int exit(CommandSpec spec, int code, String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("exit " + code + ": " + why);
        err.flush();
        return code;
    }

    /** Sends records read from files, each keyed, and waits until the broker acknowledged every one. */
    abstract static class Produce<T extends SpecificRecord> implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KafkaConnection kafka;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files (.avro, .jsonl, .csv; .gz for the text formats), sent in the order given.")
        List<Path> files;
        @Option(names = "--format", paramLabel = "FORMAT", description = "Format of every file: ${COMPLETION-CANDIDATES} (default: told from each file name).")
        Format format;
        @Option(names = "--max-errors", paramLabel = "N", defaultValue = "0",
                description = "Skip up to N bad lines (reported with file, line, field and reason); the next one stops. Default ${DEFAULT-VALUE}.")
        long maxErrors;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "Give up when Kafka or the registry does not answer within this (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        private final Class<T> type;
        private final Schema schema;
        private final Function<T, String> key;
        private final String noun;

        Produce(Class<T> type, Schema schema, Function<T, String> key, String noun) {
            this.type = type;
            this.schema = schema;
            this.key = key;
            this.noun = noun;
        }

        /** The topic option's value (each command has its own default). */
        abstract String topic();

        @Override
        public Integer call() {
            WireSettings wire = kafka.wire();
            RecordCodec<T> codec = wire.codec(type);
            if (maxErrors < 0) {
                throw new UsageException("--max-errors must be >= 0");
            }
            PrintWriter err = spec.commandLine().getErr();
            ErrorPolicy errors = new ErrorPolicy(maxErrors, e -> {
                err.println("skipped " + e);
                err.flush();
            });
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer(timeout)) {
                producer.partitionsFor(topic());   // the broker answers and the topic exists, or one timeout ends it
                for (Path f : files) {
                    try (RecordSource<T> in = RecordSource.open(f, format, schema, errors)) {
                        for (T r = in.next(); r != null; r = in.next()) {
                            String k = key.apply(r);
                            sent.add(producer.send(new ProducerRecord<>(topic(), k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                                    codec.encode(r, topic()))));
                        }
                    }
                }
                producer.flush();
                for (Future<RecordMetadata> s : sent) {
                    s.get();
                }
            } catch (IllegalStateException e) {   // the registry refused or did not answer
                return exit(spec, NO_ANSWER, e.getMessage());
            } catch (ExecutionException | KafkaException e) {
                Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                return exit(spec, NO_ANSWER, "Kafka at " + kafka.bootstrapServers + " did not take the " + noun
                        + " for " + topic() + " within " + timeout.toSeconds() + " s: " + c.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exit(spec, Exit.USAGE, "interrupted");
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "sent %d %s to %s (%s)%s%n", sent.size(), noun, topic(),
                    wire.describe(), errors.skipped() == 0 ? "" : "; " + errors.skipped() + " bad lines skipped");
            return errors.skipped() == 0 ? Exit.OK : Exit.FINDINGS;
        }
    }

    @Command(name = "produce-transactions", mixinStandardHelpOptions = true,
            description = "Sends transactions from files in the documented formats (as backtest reads them) to the "
                    + "transactions topic, keyed by account.")
    static final class ProduceTransactions extends Produce<Transaction> {
        @Option(names = "--topic", defaultValue = "transactions", description = "Topic (default: ${DEFAULT-VALUE}).")
        String topic;

        ProduceTransactions() {
            super(Transaction.class, Transaction.getClassSchema(), t -> t.getOriginator().getAccountId() != null
                    ? t.getOriginator().getAccountId() : t.getBeneficiary().getAccountId(), "transactions");
        }

        @Override
        String topic() {
            return topic;
        }
    }

    @Command(name = "produce-profiles", mixinStandardHelpOptions = true,
            description = "Sends party profiles (upserts) from files in the documented formats to the profiles topic, keyed by party.")
    static final class ProduceProfiles extends Produce<PartyProfile> {
        @Option(names = "--topic", defaultValue = "party-profiles", description = "Topic (default: ${DEFAULT-VALUE}).")
        String topic;

        ProduceProfiles() {
            super(PartyProfile.class, PartyProfile.getClassSchema(), PartyProfile::getPartyId, "profiles");
        }

        @Override
        String topic() {
            return topic;
        }
    }

    /** How tail-alerts prints an alert. */
    enum Output { TEXT, JSON }

    @Command(name = "tail-alerts", mixinStandardHelpOptions = true,
            description = "Prints committed alerts (read_committed) as they arrive: new ones, or all with "
                    + "--from-beginning; stops after --max alerts or --timeout, or runs until interrupted.")
    static final class TailAlerts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KafkaConnection kafka;
        @Option(names = "--topic", defaultValue = "alerts", description = "Topic (default: ${DEFAULT-VALUE}).")
        String topic;
        @Option(names = "--output", defaultValue = "TEXT", description = "${COMPLETION-CANDIDATES}: a few lines in words, or one JSON object per line (Avro field names) (default: ${DEFAULT-VALUE}).")
        Output output;
        @Option(names = "--from-beginning", description = "Start at the oldest alert still in the topic (default: only alerts committed from now on).")
        boolean fromBeginning;
        @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts; exit 1 if fewer came within --timeout.")
        Integer max;
        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop after this long (default: run until interrupted).")
        Duration timeout;

        @Override
        public Integer call() {
            if (max != null && max < 1) {
                throw new UsageException("--max must be >= 1");
            }
            RecordCodec<Alert> codec = kafka.wire().codec(Alert.class);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Duration wait = timeout != null ? timeout : Duration.ofSeconds(30);
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            int printed = 0;
            try (KafkaConsumer<byte[], byte[]> c = kafka.consumer(wait)) {
                KafkaConnection.assign(c, topic, fromBeginning, wait);
                while ((max == null || printed < max) && System.nanoTime() - deadline < 0) {
                    long left = Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000));
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(left))) {
                        if (max != null && printed >= max) {
                            break;
                        }
                        try {
                            Alert a = codec.decode(r.value());
                            out.print(output == Output.JSON ? json(a) + System.lineSeparator() : text(a));
                            printed++;
                        } catch (WireException e) {
                            err.println("skipped " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                        }
                    }
                    out.flush();
                }
            } catch (KafkaException e) {
                return exit(spec, NO_ANSWER, "Kafka at " + kafka.bootstrapServers + " did not answer within "
                        + wait.toSeconds() + " s: " + e.getMessage());
            }
            if (max != null && printed < max) {
                return exit(spec, Exit.FINDINGS, printed + " of " + max + " alerts within " + timeout.toSeconds() + " s");
            }
            return Exit.OK;
        }

        static String text(Alert a) {
            StringBuilder s = new StringBuilder("ALERT ").append(a.getSummary()).append(System.lineSeparator());
            for (Signal sig : a.getSignals()) {
                s.append("    ").append(sig.getRuleId()).append(": ").append(sig.getReason()).append(System.lineSeparator());
            }
            return s.toString();
        }

        static String json(Alert a) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
                RecordSink.writeJson(g, a);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }
    }

    @Command(name = "publish-control", mixinStandardHelpOptions = true,
            description = "Publishes a signed rule or parameter bundle (rules sign) to the control topic and waits "
                    + "for the job's control result: exit 0 when it is in force, 1 when the job rejected it, 3 when "
                    + "no result came within --timeout.")
    static final class PublishControl implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KafkaConnection kafka;
        @Parameters(paramLabel = "BUNDLE", description = "Signed bundle file (bin/screening rules sign).")
        Path bundleFile;
        @Option(names = "--version", paramLabel = "VERSION",
                description = "Version the update is known by (default: the parameters' 'version:', or the rule set's version).")
        String version;
        @Option(names = "--issued-by", paramLabel = "WHO", description = "Who issues it, as free text (default: the user name).")
        String issuedBy = System.getProperty("user.name");
        @Option(names = "--control-topic", defaultValue = "screening-control", description = "Control topic (default: ${DEFAULT-VALUE}).")
        String controlTopic;
        @Option(names = "--control-results-topic", defaultValue = "screening-control-results",
                description = "Topic of the job's control results (default: ${DEFAULT-VALUE}).")
        String resultsTopic;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
                description = "How long to wait for the job's result (default: ${DEFAULT-VALUE}; results are committed at the job's checkpoints).")
        Duration timeout;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(bundleFile)) {
                throw new InputException(bundleFile + ": no such bundle file");
            }
            WireSettings wire = kafka.wire();
            RuleBundle bundle;
            String v;
            try {
                bundle = RuleBundle.read(bundleFile);
                v = version != null ? version : defaultVersion(bundle);
            } catch (BundleException e) {
                throw new InputException(bundleFile + ": " + e.getMessage(), e);
            }
            ControlKind kind = bundle.kind() == RuleBundle.Kind.RULE_SET ? ControlKind.RULE_SET : ControlKind.PARAMETERS;
            ControlMessage m = ControlMessage.newBuilder().setVersion(v).setKind(kind).setIssuedBy(issuedBy)
                    .setIssuedAt(Instant.now()).setBundle(ByteBuffer.wrap(bundle.toBytes())).build();
            RecordCodec<ControlResult> results = wire.codec(ControlResult.class);
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaConsumer<byte[], byte[]> c = kafka.consumer(timeout);
                 KafkaProducer<byte[], byte[]> producer = kafka.producer(timeout)) {
                KafkaConnection.assign(c, resultsTopic, false, timeout);   // results from now on
                producer.send(new ProducerRecord<>(controlTopic, v.getBytes(StandardCharsets.UTF_8),
                        wire.codec(ControlMessage.class).encode(m, controlTopic))).get();
                out.printf(Locale.ROOT, "published %s %s (content sha256 %s, %d signatures) to %s; waiting for the job's result%n",
                        kind, v, bundle.contentId(), bundle.signatures().size(), controlTopic);
                out.flush();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() - deadline < 0) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        ControlResult res;
                        try {
                            res = results.decode(r.value());
                        } catch (WireException e) {
                            continue;   // not ours to judge; the job's dead letters hold its own failures
                        }
                        if (res.getVersion().equals(v) && res.getKind().equals(kind.name())) {
                            if (!res.getAccepted()) {
                                return exit(spec, Exit.FINDINGS, "the job rejected " + kind + " " + v + ": " + res.getMessage());
                            }
                            out.println("in force: " + res.getMessage() + " (rule set " + res.getRuleSetVersion()
                                    + ", parameters " + res.getParameterSetVersion() + ")");
                            return Exit.OK;
                        }
                    }
                }
            } catch (IllegalStateException e) {
                return exit(spec, NO_ANSWER, e.getMessage());
            } catch (ExecutionException | KafkaException e) {
                Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                return exit(spec, NO_ANSWER, "Kafka at " + kafka.bootstrapServers + " did not answer within "
                        + timeout.toSeconds() + " s: " + c.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exit(spec, Exit.USAGE, "interrupted");
            }
            return exit(spec, NO_ANSWER, "no control result for " + kind + " " + v + " on " + resultsTopic + " within "
                    + timeout.toSeconds() + " s (is the job running, reading " + controlTopic + " in " + wire.format() + "?)");
        }

        private static String defaultVersion(RuleBundle bundle) {
            if (bundle.kind() == RuleBundle.Kind.PARAMETERS) {
                return ParameterOverrides.parse(bundle.texts().get("parameters.yaml"), "parameters.yaml").version();
            }
            return RuleSet.fromFiles("bundle", bundle.texts()).version();
        }
    }
}
