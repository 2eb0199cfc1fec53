package org.htscreen.job.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.htscreen.avro.DeadLetter;

/** Splits the source's decoded records from its dead letters (to {@link DeadLetters#TAG}). */
public final class SplitDeadLetters<T> extends ProcessFunction<Either<DeadLetter, T>, T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Either<DeadLetter, T> in, Context ctx, Collector<T> out) {
        if (in.isLeft()) {
            ctx.output(DeadLetters.TAG, in.left());
        } else {
            out.collect(in.right());
        }
    }
}
