package org.htscreen.core.features;

/**
 * Remembers which feature groups of one calculator have been computed. A calculator computes a group on the
 * first access to one of its getters, so a rule whose cheaper conditions fail (Drools evaluates a pattern's
 * constraints in order, and joins only when the earlier patterns matched) never pays for the group's window scan.
 */
final class LazyGroups {

    private long computed;

    /** Whether a group was computed (without marking it). */
    boolean computed(int group) {
        return (computed & (1L << group)) != 0;
    }

    /**
     * Whether a group was computed before; marks it computed. The caller computes the group when this answers
     * false: {@code if (done.already(GROUP)) return;}.
     */
    boolean already(int group) {
        long bit = 1L << group;
        if ((computed & bit) != 0) {
            return true;
        }
        computed |= bit;
        return false;
    }
}
