package org.htscreen.core.features;

import java.util.function.Function;
import org.htscreen.core.history.HistoryList;

/**
 * An account's window folds (ADR 0020), kept with its history list ({@link HistoryList#derived()}) from one screened
 * transaction to the next; a state read back from storage has none and they are built again on first use.
 *
 * <p>{@code -Dhtscreen.incremental_features=off} (or {@link #enabled(boolean)}, for comparisons and benchmarks) makes
 * every feature group rescan its window as before.
 */
public final class WindowFolds {

    /** System property that turns the folds off ({@code off}); on by default. */
    public static final String PROPERTY = "htscreen.incremental_features";

    private static volatile boolean enabled = !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "on"));

    /** A kind of fold: its place in an account's cache and how one is made for a context. */
    record Kind<F extends WindowFold>(int slot, Function<FeatureContext, F> factory) {
    }

    /** Slots of the kinds (each kind its own). */
    static final int SPEND_LIVING_COSTS = 0;
    static final int KYC_INFLOWS = 1;
    static final int KYC_FRONT_COMPANY = 2;
    static final int CASH_PASS_THROUGH = 3;
    static final int SLOTS = 4;

    private final WindowFold[] folds = new WindowFold[SLOTS];
    private final Kind<?>[] kinds = new Kind<?>[SLOTS];

    private WindowFolds() {
    }

    /** The fold in a slot, or null (tests). */
    WindowFold fold(int slot) {
        return folds[slot];
    }

    /** Whether feature groups use folds (else they rescan their windows). */
    public static boolean enabled() {
        return enabled;
    }

    /** Turns the folds on or off for every engine in this JVM (comparisons, benchmarks). */
    public static void enabled(boolean on) {
        enabled = on;
    }

    /** The fold of a kind brought to the context's now, or null when the context's history keeps no folds. */
    @SuppressWarnings("unchecked")
    static <F extends WindowFold> F of(FeatureContext ctx, Kind<F> kind) {
        if (!enabled || !(ctx.history() instanceof HistoryList list)) {
            return null;
        }
        WindowFolds cache;
        if (list.derived() instanceof WindowFolds mine) {
            cache = mine;
        } else {
            cache = new WindowFolds();
            list.derived(cache);
        }
        WindowFold f = cache.folds[kind.slot()];
        if (f == null || cache.kinds[kind.slot()] != kind || !f.fits(ctx)) {
            f = kind.factory().apply(ctx);
            cache.folds[kind.slot()] = f;
            cache.kinds[kind.slot()] = kind;
        }
        f.advance(ctx);
        return (F) f;
    }
}
