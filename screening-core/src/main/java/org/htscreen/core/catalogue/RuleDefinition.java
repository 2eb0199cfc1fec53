package org.htscreen.core.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One rule of the catalogue: what it detects, in words, where the indicator comes from, how much it weighs in
 * each typology and which parameters tune it.
 *
 * @param id          indicator id, e.g. {@code HT-CASH-01}; also the DRL rule name
 * @param title       short name
 * @param description what the rule detects, in words
 * @param family      indicator family (and DRL file)
 * @param sources     documents and sections the indicator comes from
 * @param typologies  weight per typology code (SEX, LAB, CRIM, SHAM, SMUG, GEN)
 * @param role        which side the rule usually fires on
 * @param alertsAlone true when this rule may raise an alert without a second family
 * @param parameters  tunable parameters with defaults and ranges
 * @param mode        {@link RuleMode#LIVE} (default) or {@link RuleMode#SHADOW}: evaluated and recorded, never counted
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RuleDefinition(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty(value = "description", required = true) String description,
        @JsonProperty(value = "family", required = true) Family family,
        @JsonProperty(value = "sources", required = true) List<String> sources,
        @JsonProperty(value = "typologies", required = true) Map<TypologyCode, Double> typologies,
        @JsonProperty(value = "role", required = true) RoleSide role,
        @JsonProperty("alertsAlone") Boolean alertsAlone,
        @JsonProperty("parameters") List<ParameterDefinition> parameters,
        @JsonProperty("mode") RuleMode mode) {

    public RuleDefinition {
        alertsAlone = Boolean.TRUE.equals(alertsAlone);
        sources = sources == null ? List.of() : List.copyOf(sources);
        typologies = typologies == null ? Map.of() : Map.copyOf(typologies);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        mode = mode == null ? RuleMode.LIVE : mode;
    }

    /** Whether the rule's signals count towards scores and alerts (not a shadow rule). */
    public boolean live() {
        return mode == RuleMode.LIVE;
    }

    /** Full parameter key, e.g. {@code HT-CASH-01.min_deposits}. */
    public String key(String parameterName) {
        return id + "." + parameterName;
    }

    /** Weight of this rule in a typology, 0 when it does not point to it. */
    public double weight(TypologyCode typology) {
        return typologies.getOrDefault(typology, 0.0);
    }
}
