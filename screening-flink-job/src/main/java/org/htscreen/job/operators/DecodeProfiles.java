package org.htscreen.job.operators;

import java.util.Optional;
import org.apache.flink.types.Either;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.PartyProfile;
import org.htscreen.core.ProfileValidator;
import org.htscreen.job.ScreeningPipeline;
import org.htscreen.job.kafka.KafkaRecord;
import org.htscreen.wire.RecordCodec;

/**
 * Decodes (in the job's wire format) and checks party profiles completely (in the Kafka source, with {@link ProfileValidator}) before they can
 * reach any state: undecodable and invalid ones (opening hours, identifiers, sizes, times, decimals) become dead
 * letters with the reason.
 */
public final class DecodeProfiles implements RecordDecoder<PartyProfile> {

    private static final long serialVersionUID = 1L;

    private final RecordCodec<PartyProfile> wire;
    private transient ProfileValidator validator;

    public DecodeProfiles(RecordCodec<PartyProfile> wire) {
        this.wire = wire;
    }

    private ProfileValidator validator() {
        if (validator == null) {
            validator = new ProfileValidator();
        }
        return validator;
    }

    @Override
    public Class<PartyProfile> type() {
        return PartyProfile.class;
    }

    @Override
    public Either<DeadLetter, PartyProfile> decode(KafkaRecord record) {
        PartyProfile p;
        try {
            p = wire.decode(record.value);
        } catch (IllegalArgumentException e) {
            return Either.Left(DeadLetters.of(record, e.getMessage(), ScreeningPipeline.UID_PROFILE_SOURCE));
        }
        Optional<String> problem = validator().problem(p);
        if (problem.isPresent()) {
            String party = p.getPartyId() == null ? "" : " " + DeadLetters.cut(p.getPartyId(), 100);
            return Either.Left(DeadLetters.of(record, "party profile" + party + ": " + problem.get(),
                    ScreeningPipeline.UID_PROFILE_SOURCE));
        }
        return Either.Right(p);
    }
}
