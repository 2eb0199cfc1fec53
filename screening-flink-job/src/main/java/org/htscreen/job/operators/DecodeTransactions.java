package org.htscreen.job.operators;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.Transaction;
import org.htscreen.core.AvroBinary;
import org.htscreen.core.TransactionValidator;
import org.htscreen.job.RuleSource;
import org.htscreen.job.kafka.KafkaRecord;

/**
 * Decodes and checks transactions. Undecodable bytes, missing values, non-positive amounts, unknown currencies,
 * event times too far in the past or future, and transactions without an account of the bank go to the
 * dead-letter side output with the reason; the job goes on.
 */
public final class DecodeTransactions extends ProcessFunction<KafkaRecord, Transaction> {

    private static final long serialVersionUID = 1L;

    private final RuleSource rules;
    private final long maxAgeMillis;
    private final long maxLeadMillis;
    private transient TransactionValidator validator;

    public DecodeTransactions(RuleSource rules, Duration maxAge, Duration maxLead) {
        this.rules = rules;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxLeadMillis = maxLead.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        validator = new TransactionValidator(rules.ruleSet().reference());
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<Transaction> out) {
        Transaction tx;
        try {
            tx = AvroBinary.decode(record.value, Transaction.class);
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, e.getMessage()));
            return;
        }
        Optional<String> problem = validator.problem(tx).or(() -> timeProblem(tx));
        if (problem.isPresent()) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, "transaction " + tx.getTxId() + ": " + problem.get()));
            return;
        }
        out.collect(tx);
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
