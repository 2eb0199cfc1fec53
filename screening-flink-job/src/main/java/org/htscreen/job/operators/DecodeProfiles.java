package org.htscreen.job.operators;

import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.AvroBinary;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.kafka.KafkaRecord;

/**
 * Decodes and checks party profiles (in the Kafka source) before they can reach any state: undecodable ones, and
 * ones without a party id, become dead letters with the reason.
 */
public final class DecodeProfiles implements RecordDecoder<PartyProfile> {

    private static final long serialVersionUID = 1L;

    @Override
    public Class<PartyProfile> type() {
        return PartyProfile.class;
    }

    @Override
    public Either<DeadLetter, PartyProfile> decode(KafkaRecord record) {
        PartyProfile p;
        try {
            p = AvroBinary.decode(record.value, PartyProfile.class);
        } catch (IllegalArgumentException e) {
            return Either.Left(DeadLetters.of(record, e.getMessage(), ScreeningPipeline.UID_PROFILE_SOURCE));
        }
        if (p.getPartyId().isBlank()) {
            return Either.Left(DeadLetters.of(record, "party profile without partyId", ScreeningPipeline.UID_PROFILE_SOURCE));
        }
        return Either.Right(p);
    }
}
