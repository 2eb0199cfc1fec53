package org.htscreen.core.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A catalogue indicator that is not (yet) a rule, with the reason.
 *
 * @param id     indicator id, e.g. {@code HT-FLOW-02}
 * @param title  short name
 * @param reason why it is not a rule yet (data it needs, a graph store, behavioural only, ...)
 */
public record DeferredIndicator(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty(value = "reason", required = true) String reason) {
}
