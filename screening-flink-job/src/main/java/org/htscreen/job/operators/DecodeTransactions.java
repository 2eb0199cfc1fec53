package org.htscreen.job.operators;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.Transaction;
import org.htscreen.core.TransactionValidator;
import org.htscreen.job.RuleSource;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.kafka.KafkaRecord;
import org.htscreen.wire.RecordCodec;

/**
 * Decodes (in the job's wire format) and checks transactions (in the Kafka source, see {@link org.htscreen.job.kafka.DecodingReader}).
 * Undecodable bytes, missing values, non-positive amounts, unknown currencies, event times too far in the past or
 * future, and transactions without an account of the bank become dead letters with the reason; the job goes on.
 */
public final class DecodeTransactions implements RecordDecoder<Transaction> {

    private static final long serialVersionUID = 1L;

    private final RuleSource rules;
    private final long maxAgeMillis;
    private final long maxLeadMillis;
    private final RecordCodec<Transaction> wire;
    private transient TransactionValidator validator;

    public DecodeTransactions(RuleSource rules, Duration maxAge, Duration maxLead, RecordCodec<Transaction> wire) {
        this.wire = wire;
        this.rules = rules;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxLeadMillis = maxLead.toMillis();
    }

    @Override
    public Class<Transaction> type() {
        return Transaction.class;
    }

    @Override
    public void open() {
        validator = new TransactionValidator(rules.ruleSet().reference());
    }

    @Override
    public Either<DeadLetter, Transaction> decode(KafkaRecord record) {
        Transaction tx;
        try {
            tx = wire.decode(record.value);
        } catch (IllegalArgumentException e) {
            return Either.Left(dead(record, e.getMessage()));
        }
        Optional<String> problem = validator.problem(tx).or(() -> timeProblem(tx));
        if (problem.isPresent()) {
            return Either.Left(dead(record, "transaction " + DeadLetters.cut(tx.getTxId(), 100) + ": " + problem.get()));
        }
        return Either.Right(tx);
    }

    private static DeadLetter dead(KafkaRecord record, String reason) {
        return DeadLetters.of(record, reason, ScreeningPipeline.UID_TX_SOURCE);
    }

    private Optional<String> timeProblem(Transaction tx) {
        long t = tx.getEventTime().toEpochMilli();
        long now = System.currentTimeMillis();
        if (t > now + maxLeadMillis) {
            return Optional.of("eventTime " + tx.getEventTime() + " is more than " + Duration.ofMillis(maxLeadMillis) + " in the future");
        }
        if (t < now - maxAgeMillis) {
            return Optional.of("eventTime " + tx.getEventTime() + " is more than " + Duration.ofMillis(maxAgeMillis) + " in the past");
        }
        return Optional.empty();
    }
}
