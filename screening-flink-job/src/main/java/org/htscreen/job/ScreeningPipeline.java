package org.htscreen.job;

import java.util.function.UnaryOperator;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.htscreen.avro.AccountInput;
import org.htscreen.avro.Alert;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.IdentifierClaim;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.job.operators.AccountScreening;
import org.htscreen.job.operators.ControlWatermarks;
import org.htscreen.job.operators.DeadLetters;
import org.htscreen.job.operators.DecodeControl;
import org.htscreen.job.operators.DecodeProfiles;
import org.htscreen.job.operators.DecodeTransactions;
import org.htscreen.job.operators.EventTime;
import org.htscreen.job.operators.SplitDeadLetters;
import org.htscreen.job.operators.StateExpiry;
import org.htscreen.job.kafka.DecodingReader;
import org.htscreen.job.operators.IdentifierGroups;
import org.htscreen.job.operators.ProfileChanges;
import org.htscreen.job.operators.ProfileToAccounts;
import org.htscreen.job.operators.TransactionSides;

/**
 * The job graph. Kafka in (transactions, profiles, control) decoded and checked in the sources, with dead letters
 * split off, event time from valid transactions (profiles emit none), per-account
 * keyed screening with broadcast control, Kafka out (alerts, dead letters, control results). Every operator is
 * named and has a stable uid (state is restored by uid: do not change the uids). Names are short: Flink names a
 * chain of operators by joining their names, and truncates (with a warning) metric names above 80 characters.
 */
public final class ScreeningPipeline {

    /** Operator uids, stable across versions. */
    public static final String UID_TX_SOURCE = "source-transactions";
    public static final String UID_PROFILE_SOURCE = "source-profiles";
    public static final String UID_CONTROL_SOURCE = "source-control";
    public static final String UID_DECODE_TX = "decode-transactions";
    public static final String UID_DECODE_PROFILES = "decode-profiles";
    public static final String UID_DECODE_CONTROL = "decode-control";
    public static final String UID_WATERMARKS = "event-time";
    public static final String UID_PROFILE_WATERMARKS = "profile-event-time";
    public static final String UID_CONTROL_WATERMARKS = "control-event-time";
    public static final String UID_SIDES = "transaction-sides";
    public static final String UID_PROFILE_ACCOUNTS = "profile-to-accounts";
    public static final String UID_PROFILE_CHANGES = "profile-changes";
    public static final String UID_IDENTIFIERS = "identifier-groups";
    public static final String UID_SCREENING = "account-screening";
    public static final String UID_ALERT_SINK = "sink-alerts";
    public static final String UID_DEAD_LETTER_SINK = "sink-dead-letters";
    public static final String UID_CONTROL_RESULT_SINK = "sink-control-results";
    public static final String UID_SHADOW_SINK = "sink-shadow-signals";
    public static final String UID_SUPPRESSED_SINK = "sink-suppressed-alerts";

    private ScreeningPipeline() {
    }

    /** Builds the graph on an environment. */
    public static void build(StreamExecutionEnvironment env, JobOptions o, RuleSource rules) {
        build(env, o, rules, UnaryOperator.identity());
    }

    /**
     * Builds the graph, with a tap on the decoded transactions (tests use it to inject a failure mid-stream).
     */
    public static void build(StreamExecutionEnvironment env, JobOptions o, RuleSource rules,
            UnaryOperator<DataStream<Transaction>> tap) {
        Topics topics = new Topics(o);
        StateTtlConfig ttl = StateExpiry.of(o.stateTtl);
        TypeInformation<AccountInput> inputType = new AvroTypeInfo<>(AccountInput.class);

        // decoded and checked in the source; event time from valid transactions only (dead letters are split off first)
        SingleOutputStreamOperator<Transaction> decoded = env
                .fromSource(topics.transactions(new DecodingReader<>(new DecodeTransactions(rules, o.maxEventAge, o.maxEventLead), UID_TX_SOURCE)),
                        WatermarkStrategy.noWatermarks(), "transactions").uid(UID_TX_SOURCE)
                .process(new SplitDeadLetters<>(), new AvroTypeInfo<>(Transaction.class))
                .name("Valid transactions").uid(UID_DECODE_TX);
        DataStream<Transaction> transactions = tap.apply(decoded)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Transaction>forBoundedOutOfOrderness(o.maxOutOfOrderness)
                        .withTimestampAssigner((t, ts) -> t.getEventTime().toEpochMilli())
                        .withIdleness(o.idleness))
                .name("Event time").uid(UID_WATERMARKS);

        // profiles emit no watermark: a profile's updatedAt cannot move the screening operator's event time. Assigned
        // after the source (not in it) so that the profile input holds event time back from the job's start until the
        // profiles in the topic are read, even while its Kafka split is not assigned yet (a source without splits is idle)
        SingleOutputStreamOperator<PartyProfile> profiles = env
                .fromSource(topics.profiles(new DecodingReader<>(new DecodeProfiles(), UID_PROFILE_SOURCE)),
                        WatermarkStrategy.noWatermarks(), "profiles").uid(UID_PROFILE_SOURCE)
                .process(new SplitDeadLetters<>(), new AvroTypeInfo<>(PartyProfile.class))
                .name("Valid profiles").uid(UID_DECODE_PROFILES);
        DataStream<PartyProfile> untimedProfiles = profiles
                .assignTimestampsAndWatermarks(EventTime.<PartyProfile>profiles(o.idleness))
                .name("Profile time").uid(UID_PROFILE_WATERMARKS);

        SingleOutputStreamOperator<ControlMessage> control = env
                .fromSource(topics.control(), WatermarkStrategy.noWatermarks(), "control").uid(UID_CONTROL_SOURCE)
                .process(new DecodeControl(), new AvroTypeInfo<>(ControlMessage.class))
                .name("Decode control").uid(UID_DECODE_CONTROL);
        BroadcastStream<ControlMessage> broadcastControl = control
                .assignTimestampsAndWatermarks(ControlWatermarks.strategy())
                .name("Control time").uid(UID_CONTROL_WATERMARKS)
                .broadcast(AccountScreening.CONTROL_STATE);

        SingleOutputStreamOperator<AccountInput> sides = transactions.process(new TransactionSides(), inputType)
                .name("Account sides").uid(UID_SIDES);
        DataStream<AccountInput> profileInputs = untimedProfiles.process(new ProfileToAccounts(), inputType)
                .name("Profile accounts").uid(UID_PROFILE_ACCOUNTS);
        SingleOutputStreamOperator<IdentifierClaim> claims = untimedProfiles
                .keyBy(PartyProfile::getPartyId)
                .process(new ProfileChanges(ttl), new AvroTypeInfo<>(IdentifierClaim.class))
                .name("Identifier claims per party").uid(UID_PROFILE_CHANGES);
        SingleOutputStreamOperator<AccountInput> links = claims
                .keyBy(IdentifierGroups::key)
                .process(new IdentifierGroups(ttl, o.maxIdentifierParties), inputType)
                .name("Shared identifiers").uid(UID_IDENTIFIERS);

        SingleOutputStreamOperator<Alert> alerts = sides.union(profileInputs, links)
                .keyBy(AccountInput::getAccountId)
                .connect(broadcastControl)
                .process(new AccountScreening(rules, ttl, o.screeningOrder), new AvroTypeInfo<>(Alert.class))
                .name("Screen accounts").uid(UID_SCREENING);

        alerts.sinkTo(topics.alerts()).name("Kafka: alerts").uid(UID_ALERT_SINK);
        alerts.getSideOutput(AccountScreening.CONTROL_RESULTS)
                .sinkTo(topics.controlResults()).name("Kafka: control results").uid(UID_CONTROL_RESULT_SINK);
        alerts.getSideOutput(AccountScreening.SHADOW_SIGNALS)
                .sinkTo(topics.shadowSignals()).name("Kafka: shadow signals").uid(UID_SHADOW_SINK);
        alerts.getSideOutput(AccountScreening.SUPPRESSED)
                .sinkTo(topics.suppressedAlerts()).name("Kafka: suppressed alerts").uid(UID_SUPPRESSED_SINK);
        decoded.getSideOutput(DeadLetters.TAG)
                .union(profiles.getSideOutput(DeadLetters.TAG), control.getSideOutput(DeadLetters.TAG),
                        sides.getSideOutput(DeadLetters.TAG), claims.getSideOutput(DeadLetters.TAG),
                        links.getSideOutput(DeadLetters.TAG), alerts.getSideOutput(DeadLetters.TAG))
                .sinkTo(topics.deadLetters()).name("Kafka: dead letters").uid(UID_DEAD_LETTER_SINK);
    }
}
