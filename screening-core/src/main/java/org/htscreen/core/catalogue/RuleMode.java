package org.htscreen.core.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a rule counts: a {@link #LIVE} rule's signals weigh into typology scores and alerts; a {@link #SHADOW}
 * rule is evaluated and its signals are recorded (metrics, the engine's outcome, a shadow output), but they never
 * reach a score, an alert or an alert's evidence. A new rule runs in shadow next to the live set before it goes live.
 * Written in the catalogue as {@code mode: live} (the default) or {@code mode: shadow}.
 */
public enum RuleMode {
    /** The rule's signals count towards scores and alerts (the default). */
    @JsonProperty("live")
    LIVE,
    /** The rule is evaluated and its signals recorded, never counted. */
    @JsonProperty("shadow")
    SHADOW;

    /** The word used in the catalogue and in reports: {@code live} or {@code shadow}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
