package org.htscreen.job;

import org.htscreen.job.control.ControlPolicy;
import org.htscreen.core.bundle.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htscreen.wire.WireOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the screening job, as command-line flags; every name is a constant so code and docs agree.
 * Durations take ISO-8601 or simple forms: {@code 10s}, {@code 5m}, {@code 2h}, {@code 100d}.
 */
public class JobOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
    public static final String TRANSACTIONS_TOPIC = "--transactions-topic";
    public static final String PROFILES_TOPIC = "--profiles-topic";
    public static final String CONTROL_TOPIC = "--control-topic";
    public static final String ALERTS_TOPIC = "--alerts-topic";
    public static final String DEAD_LETTER_TOPIC = "--dead-letter-topic";
    public static final String CONTROL_RESULTS_TOPIC = "--control-results-topic";
    public static final String SHADOW_TOPIC = "--shadow-topic";
    public static final String SUPPRESSED_TOPIC = "--suppressed-topic";
    public static final String EXEMPTIONS = "--exemptions";
    public static final String GROUP_ID = "--group-id";
    public static final String PARALLELISM = "--parallelism";
    public static final String CHECKPOINT_INTERVAL = "--checkpoint-interval";
    public static final String STATE_BACKEND = "--state-backend";
    public static final String CHECKPOINT_DIR = "--checkpoint-dir";
    public static final String DELIVERY_GUARANTEE = "--delivery-guarantee";
    public static final String OUT_OF_ORDERNESS = "--max-out-of-orderness";
    public static final String IDLENESS = "--idleness";
    public static final String SCREENING_ORDER = "--screening-order";
    public static final String WATERMARK_INTERVAL = "--watermark-interval";
    public static final String BUFFER_TIMEOUT = "--buffer-timeout";
    public static final String OBJECT_REUSE = "--object-reuse";
    public static final String STATE_TTL = "--state-ttl";
    public static final String MAX_EVENT_AGE = "--max-event-age";
    public static final String MAX_EVENT_LEAD = "--max-event-lead";
    public static final String MAX_IDENTIFIER_PARTIES = "--max-identifier-parties";
    public static final String RULES_DIR = "--rules-dir";
    public static final String PARAMETERS = "--parameters";
    public static final String STARTING_OFFSETS = "--starting-offsets";
    public static final String BOUNDED = "--bounded";
    public static final String KAFKA_PROPERTY = "--kafka";
    public static final String TRANSACTIONAL_ID_PREFIX = "--transactional-id-prefix";
    public static final String TRANSACTION_TIMEOUT = "--transaction-timeout";
    public static final String CHECKPOINT_TIMEOUT = "--checkpoint-timeout";
    public static final String CHECKPOINT_MIN_PAUSE = "--checkpoint-min-pause";
    public static final String CHECKPOINT_RETENTION = "--checkpoint-retention";
    public static final String MAX_PARALLELISM = "--max-parallelism";
    public static final String RESTART_MAX_FAILURES = "--restart-max-failures";
    public static final String RESTART_FAILURE_INTERVAL = "--restart-failure-interval";
    public static final String RESTART_DELAY = "--restart-delay";
    public static final String TRUST_KEY = "--trust-key";
    public static final String REQUIRED_SIGNATURES = "--required-signatures";
    public static final String ALLOW_UNSIGNED_CONTROL = "--allow-unsigned-control";
    public static final String MAX_DISABLED_SHARE = "--max-disabled-share";
    public static final String MAX_EXEMPTED_ACCOUNTS = "--max-exempted-accounts";
    public static final String WIRE_FORMAT = WireOptions.WIRE_FORMAT;
    public static final String SCHEMA_REGISTRY_URL = WireOptions.SCHEMA_REGISTRY_URL;
    public static final String WRITER_SCHEMA = WireOptions.WRITER_SCHEMA;

    /** State backends the job can use. */
    public enum StateBackend { HASHMAP, ROCKSDB }

    /** Delivery guarantees of the alert sink. */
    public enum Guarantee { EXACTLY_ONCE, AT_LEAST_ONCE }

    /**
     * When a transaction is screened: {@code EVENT_TIME} once the watermark passes it, so out-of-order input within
     * {@value #OUT_OF_ORDERNESS} gives the same alerts as ordered input (ADR 0004); {@code ARRIVAL} as soon as it
     * arrives, for alerts within milliseconds, at the price that a transaction arriving after a later one of the
     * same account is not seen by that later one's screening (ADR 0010).
     */
    public enum ScreeningOrder { EVENT_TIME, ARRIVAL }

    /**
     * Where the sources start when the job does not restore from a checkpoint or savepoint (a restored job always
     * continues from the offsets in its state): {@code COMMITTED} from the consumer group's committed offsets, or the
     * earliest offset for a partition without one; {@code EARLIEST} replays the topic's whole retention;
     * {@code LATEST} skips what is already in the topic.
     */
    public enum StartingOffsets { EARLIEST, LATEST, COMMITTED }

    /** What happens to the last checkpoint when the job is cancelled. */
    public enum CheckpointRetention { RETAIN_ON_CANCELLATION, DELETE_ON_CANCELLATION }

    @Option(names = BOOTSTRAP_SERVERS, description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = "localhost:9092")
    public String bootstrapServers = "localhost:9092";

    @Option(names = TRANSACTIONS_TOPIC, description = "Topic of Avro Transaction records (default: ${DEFAULT-VALUE}).", defaultValue = "transactions")
    public String transactionsTopic = "transactions";

    @Option(names = PROFILES_TOPIC, description = "Topic of Avro PartyProfile upserts (default: ${DEFAULT-VALUE}).", defaultValue = "party-profiles")
    public String profilesTopic = "party-profiles";

    @Option(names = CONTROL_TOPIC, description = "Topic of Avro ControlMessage records: parameter and rule-set updates (default: ${DEFAULT-VALUE}).", defaultValue = "screening-control")
    public String controlTopic = "screening-control";

    @Option(names = ALERTS_TOPIC, description = "Reporting topic for Avro Alert records (default: ${DEFAULT-VALUE}).", defaultValue = "alerts")
    public String alertsTopic = "alerts";

    @Option(names = DEAD_LETTER_TOPIC, description = "Topic for Avro DeadLetter records: rejected input with the reason (default: ${DEFAULT-VALUE}).", defaultValue = "screening-dead-letters")
    public String deadLetterTopic = "screening-dead-letters";

    @Option(names = CONTROL_RESULTS_TOPIC, description = "Topic for Avro ControlResult records: accepted or rejected updates (default: ${DEFAULT-VALUE}).", defaultValue = "screening-control-results")
    public String controlResultsTopic = "screening-control-results";

    @Option(names = SHADOW_TOPIC, description = "Topic for Avro ShadowSignal records: signals of shadow rules (catalogue 'mode: shadow'), never counted in alerts (default: ${DEFAULT-VALUE}).", defaultValue = "screening.shadow-signals")
    public String shadowTopic = "screening.shadow-signals";
    @Option(names = SUPPRESSED_TOPIC, description = "Topic for Avro SuppressedAlert records: alerts that exemptions kept back, with the exemption ids (default: ${DEFAULT-VALUE}).", defaultValue = "screening-suppressed-alerts")
    public String suppressedTopic = "screening-suppressed-alerts";

    @Option(names = GROUP_ID, description = "Kafka consumer group id (default: ${DEFAULT-VALUE}).", defaultValue = "htscreen")
    public String groupId = "htscreen";

    @Option(names = PARALLELISM, description = "Job parallelism; 0 keeps the environment's default (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    public int parallelism = 0;

    @Option(names = CHECKPOINT_INTERVAL, description = "Checkpoint interval; exactly-once alerts are committed at checkpoints (default: ${DEFAULT-VALUE}).", defaultValue = "10s", converter = DurationConverter.class)
    public Duration checkpointInterval = Duration.ofSeconds(10);

    @Option(names = CHECKPOINT_DIR, description = "Checkpoint directory (URI, e.g. file:///var/lib/htscreen/checkpoints or s3://bucket/checkpoints); default: the cluster's execution.checkpointing.dir. Without either, Flink keeps checkpoints in the JobManager's memory, which refuses more than 5 MB of state.")
    public String checkpointDir;

    @Option(names = STATE_BACKEND, description = "State backend: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "HASHMAP")
    public StateBackend stateBackend = StateBackend.HASHMAP;

    @Option(names = DELIVERY_GUARANTEE, description = "Alert delivery: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "EXACTLY_ONCE")
    public Guarantee deliveryGuarantee = Guarantee.EXACTLY_ONCE;

    @Option(names = OUT_OF_ORDERNESS, description = "How late a transaction may arrive and still be screened in event-time order (default: ${DEFAULT-VALUE}).", defaultValue = "5m", converter = DurationConverter.class)
    public Duration maxOutOfOrderness = Duration.ofMinutes(5);

    @Option(names = IDLENESS, description = "A source partition without a valid record for this long (not counting back-pressure) does not hold back event time (default: ${DEFAULT-VALUE}).", defaultValue = "30s", converter = DurationConverter.class)
    public Duration idleness = Duration.ofSeconds(30);

    @Option(names = SCREENING_ORDER, description = "When transactions are screened: ${COMPLETION-CANDIDATES}. EVENT_TIME waits for the watermark (alerts come at least the out-of-orderness late, results do not depend on arrival order); ARRIVAL screens at once (default: ${DEFAULT-VALUE}).", defaultValue = "EVENT_TIME")
    public ScreeningOrder screeningOrder = ScreeningOrder.EVENT_TIME;

    @Option(names = WATERMARK_INTERVAL, description = "How often the sources emit watermarks; event-time screening waits up to this long more (default: ${DEFAULT-VALUE}).", defaultValue = "200ms", converter = DurationConverter.class)
    public Duration watermarkInterval = Duration.ofMillis(200);

    @Option(names = BUFFER_TIMEOUT, description = "Longest time a record waits in a network buffer between operators; lower gives lower latency, higher more throughput (default: ${DEFAULT-VALUE}).", defaultValue = "100ms", converter = DurationConverter.class)
    public Duration bufferTimeout = Duration.ofMillis(100);

    @Option(names = OBJECT_REUSE, arity = "1", description = "Chained operators pass records on without a deep copy; safe because no operator of the job keeps or changes a record it was given (ADR 0022); false copies every record between chained operators (default: ${DEFAULT-VALUE}).", defaultValue = "true")
    public boolean objectReuse = true;

    @Option(names = STATE_TTL, description = "Opt-in erasure: account, profile and identifier state unused (not read or written) for this long is dropped, so a dormant account that comes back is screened without its profile and shared identifiers; 0 keeps state until a newer version replaces it (default: ${DEFAULT-VALUE}).", defaultValue = "0", converter = DurationConverter.class)
    public Duration stateTtl = Duration.ZERO;

    @Option(names = MAX_EVENT_AGE, description = "Transactions older than this (against the wall clock) go to the dead-letter topic (default: ${DEFAULT-VALUE}).", defaultValue = "3650d", converter = DurationConverter.class)
    public Duration maxEventAge = Duration.ofDays(3650);

    @Option(names = MAX_EVENT_LEAD, description = "Transactions further in the future than this go to the dead-letter topic (default: ${DEFAULT-VALUE}).", defaultValue = "1d", converter = DurationConverter.class)
    public Duration maxEventLead = Duration.ofDays(1);

    @Option(names = MAX_IDENTIFIER_PARTIES, description = "Customers of one shared identifier (address, phone, e-mail, device) that hear every change of its group; beyond, each customer gets one 'shared by more than N customers' finding. Keep it above the rules' party thresholds (default: ${DEFAULT-VALUE}).", defaultValue = "250")
    public int maxIdentifierParties = org.htscreen.core.network.IdentifierGroup.DEFAULT_MAX_PARTIES;

    @Option(names = RULES_DIR, description = "Rule-set directory (catalogue.yaml, drl/, reference/); default: the bundled rules.")
    public Path rulesDir;

    @Option(names = PARAMETERS, description = "Parameter overrides file (YAML); default: the catalogue's defaults.")
    public Path parameters;

    @Option(names = EXEMPTIONS, paramLabel = "FILE", description = "Exemptions in force from the start (YAML, ADR 0017); later sets arrive on the control topic as signed EXEMPTIONS bundles. Default: none.")
    public Path exemptions;

    @Option(names = STARTING_OFFSETS, description = "Where the sources start without a checkpoint or savepoint: ${COMPLETION-CANDIDATES}; COMMITTED continues from the group's committed offsets (earliest for a partition without one) (default: ${DEFAULT-VALUE}).", defaultValue = "COMMITTED")
    public StartingOffsets startingOffsets = StartingOffsets.COMMITTED;

    @Option(names = BOUNDED, description = "Stop at the topics' current end offsets (replays, tests).")
    public boolean bounded;

    @Option(names = TRANSACTIONAL_ID_PREFIX, description = "Transactional id prefix of the exactly-once sinks (default: ${DEFAULT-VALUE}).", defaultValue = "htscreen")
    public String transactionalIdPrefix = "htscreen";

    @Option(names = TRANSACTION_TIMEOUT, description = "Transaction timeout of the exactly-once sinks: a checkpoint's alerts are committed when the job recovers, so it must outlast the longest outage to recover from; the brokers' transaction.max.timeout.ms must be at least this (default: ${DEFAULT-VALUE}).", defaultValue = "1h", converter = DurationConverter.class)
    public Duration transactionTimeout = Duration.ofHours(1);

    @Option(names = CHECKPOINT_TIMEOUT, description = "A checkpoint not complete after this long is aborted (default: ${DEFAULT-VALUE}).", defaultValue = "10m", converter = DurationConverter.class)
    public Duration checkpointTimeout = Duration.ofMinutes(10);

    @Option(names = CHECKPOINT_MIN_PAUSE, description = "Least time between the end of a checkpoint and the start of the next, so slow checkpoints leave time to process records; never more than the checkpoint interval (default: ${DEFAULT-VALUE}).", defaultValue = "5s", converter = DurationConverter.class)
    public Duration checkpointMinPause = Duration.ofSeconds(5);

    @Option(names = CHECKPOINT_RETENTION, description = "Whether the last checkpoint is kept when the job is cancelled: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "RETAIN_ON_CANCELLATION")
    public CheckpointRetention checkpointRetention = CheckpointRetention.RETAIN_ON_CANCELLATION;

    @Option(names = MAX_PARALLELISM, description = "Maximum parallelism (key groups of the keyed state): fixed in the first checkpoint, a restore needs the same value; the parallelism can later grow up to it (default: ${DEFAULT-VALUE}).", defaultValue = "720")
    public int maxParallelism = 720;

    @Option(names = RESTART_MAX_FAILURES, description = "Failure-rate restart strategy: the job restarts after a failure unless more than this many failures happened within the failure interval; then it fails and waits for an operator (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    public int restartMaxFailures = 5;

    @Option(names = RESTART_FAILURE_INTERVAL, description = "Failure-rate restart strategy: the interval over which failures are counted (default: ${DEFAULT-VALUE}).", defaultValue = "10m", converter = DurationConverter.class)
    public Duration restartFailureInterval = Duration.ofMinutes(10);

    @Option(names = RESTART_DELAY, description = "Failure-rate restart strategy: delay before a restart (default: ${DEFAULT-VALUE}).", defaultValue = "10s", converter = DurationConverter.class)
    public Duration restartDelay = Duration.ofSeconds(10);

    @Option(names = KAFKA_PROPERTY, description = "Any Kafka client property for sources and sinks, e.g. --kafka security.protocol=SASL_SSL --kafka sasl.mechanism=PLAIN.", mapFallbackValue = "")
    public Map<String, String> kafka = new LinkedHashMap<>();

    @Option(names = TRUST_KEY, paramLabel = "FILE", description = "Ed25519 public key (PEM) whose signatures the job trusts on rule-set and parameter updates; repeatable. Without one, control updates are refused (unless " + ALLOW_UNSIGNED_CONTROL + ").")
    public List<Path> trustKeys = new ArrayList<>();

    @Option(names = REQUIRED_SIGNATURES, paramLabel = "N", description = "Distinct trusted keys that must have signed a control update (maker-checker: 2); an update that could blind screening needs one more (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    public int requiredSignatures = 1;

    @Option(names = ALLOW_UNSIGNED_CONTROL, description = "Accept unsigned control updates (local demo only; logged at WARN on every update). Not with " + TRUST_KEY + ".")
    public boolean allowUnsignedControl;

    @Option(names = MAX_DISABLED_SHARE, paramLabel = "SHARE", description = "An update that switches off more than this share of the rules in force, or every rule of a typology, needs one signature more than " + REQUIRED_SIGNATURES + " (default: ${DEFAULT-VALUE}).", defaultValue = "0.2")
    public double maxDisabledShare = ControlPolicy.DEFAULT_MAX_DISABLED_SHARE;

    @Option(names = MAX_EXEMPTED_ACCOUNTS, paramLabel = "N", description = "An exemption-set update that exempts more than this many accounts at once (exemptions added or changed) needs one signature more than " + REQUIRED_SIGNATURES + " (default: ${DEFAULT-VALUE}).", defaultValue = "" + ControlPolicy.DEFAULT_MAX_EXEMPTED_ACCOUNTS)
    public int maxExemptedAccounts = ControlPolicy.DEFAULT_MAX_EXEMPTED_ACCOUNTS;

    /** How values are framed on every topic (raw Avro, single-object encoding, Confluent wire format; ADR 0019). */
    @Mixin
    public WireOptions wire = new WireOptions();

    /** The control policy these options give (trusted keys read now: a bad key file fails before submission). */
    public ControlPolicy controlPolicy() {
        if (allowUnsignedControl) {
            if (!trustKeys.isEmpty()) {
                throw new IllegalArgumentException(ALLOW_UNSIGNED_CONTROL + " cannot be combined with " + TRUST_KEY);
            }
            return ControlPolicy.unsigned();
        }
        if (trustKeys.isEmpty()) {
            return ControlPolicy.refuseAll();
        }
        return ControlPolicy.signed(TrustedKeys.read(trustKeys, requiredSignatures), maxDisabledShare, maxExemptedAccounts);
    }
}
