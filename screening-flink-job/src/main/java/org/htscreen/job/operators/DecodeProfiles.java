package org.htscreen.job.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.kafka.KafkaRecord;

/** Decodes party profiles; undecodable ones, or ones without a party id or accounts, are dead-lettered. */
public final class DecodeProfiles extends ProcessFunction<KafkaRecord, PartyProfile> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<PartyProfile> out) {
        PartyProfile p;
        try {
            p = AvroBinary.decode(record.value, PartyProfile.class);
        } catch (IllegalArgumentException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, e.getMessage()));
            return;
        }
        if (p.getPartyId().isBlank()) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(record, "party profile without partyId"));
            return;
        }
        out.collect(p);
    }
}
