package org.htscreen.core.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.htscreen.core.rules.RuleSetException;

/**
 * The rule catalogue ({@code rules/catalogue.yaml}): every rule with its sources, typology weights, role hint and
 * parameters, the engine's own parameters (alerting thresholds, windows) and the indicators that are not rules yet.
 */
public final class Catalogue {

    /** Prefix of engine parameter keys, e.g. {@code engine.min_families}. */
    public static final String ENGINE = "engine";

    private final String version;
    private final List<ParameterDefinition> engineParameters;
    private final Map<String, RuleDefinition> rules;
    private final List<DeferredIndicator> deferred;

    private Catalogue(String version, List<ParameterDefinition> engineParameters, Map<String, RuleDefinition> rules,
            List<DeferredIndicator> deferred) {
        this.version = version;
        this.engineParameters = List.copyOf(engineParameters);
        this.rules = rules;
        this.deferred = List.copyOf(deferred);
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    private record Document(
            @JsonProperty(value = "version", required = true) String version,
            @JsonProperty(value = "engine", required = true) EngineSection engine,
            @JsonProperty(value = "rules", required = true) List<RuleDefinition> rules,
            @JsonProperty("deferred") List<DeferredIndicator> deferred) {
    }

    private record EngineSection(@JsonProperty(value = "parameters", required = true) List<ParameterDefinition> parameters) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Parses and checks a catalogue.
     *
     * @param yaml     the YAML text
     * @param fileName name used in error messages
     * @throws RuleSetException naming the file and line of the first problem
     */
    public static Catalogue parse(String yaml, String fileName) {
        Document doc;
        try {
            doc = YAML.readValue(yaml, Document.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? fileName : fileName + " line " + loc.getLineNr();
            throw new RuleSetException(where + ": " + e.getOriginalMessage());
        }
        Map<String, RuleDefinition> rules = new LinkedHashMap<>();
        for (RuleDefinition r : doc.rules()) {
            if (!r.id().matches("HT-[A-Z]+-\\d{2}")) {
                throw new RuleSetException(fileName + ": rule id '" + r.id() + "' is not of the form HT-FAMILY-NN");
            }
            if (!r.id().startsWith("HT-" + r.family().name() + "-")) {
                throw new RuleSetException(fileName + ": rule " + r.id() + " is declared in family " + r.family());
            }
            if (rules.put(r.id(), r) != null) {
                throw new RuleSetException(fileName + ": rule " + r.id() + " is declared twice");
            }
            if (r.typologies().isEmpty() || r.sources().isEmpty()) {
                throw new RuleSetException(fileName + ": rule " + r.id() + " needs at least one typology weight and one source");
            }
            r.typologies().forEach((t, w) -> {
                if (w < 0 || w > 5) {
                    throw new RuleSetException(fileName + ": rule " + r.id() + " weight " + t + " = " + w + " is out of range [0, 5]");
                }
            });
            checkParameters(fileName, r.id(), r.parameters());
        }
        checkParameters(fileName, ENGINE, doc.engine().parameters());
        return new Catalogue(doc.version(), doc.engine().parameters(), rules,
                doc.deferred() == null ? List.of() : doc.deferred());
    }

    private static void checkParameters(String fileName, String owner, List<ParameterDefinition> params) {
        Set<String> names = new HashSet<>();
        for (ParameterDefinition p : params) {
            String key = owner + "." + p.name();
            if (!names.add(p.name())) {
                throw new RuleSetException(fileName + ": parameter " + key + " is declared twice");
            }
            if (p.name().equals("enabled")) {
                throw new RuleSetException(fileName + ": parameter " + key + " is implicit; do not declare it");
            }
            try {
                p.coerce(key, p.defaultValue());
            } catch (IllegalArgumentException e) {
                throw new RuleSetException(fileName + ": default of " + e.getMessage());
            }
        }
    }

    /** Catalogue version as written in the file. */
    public String version() {
        return version;
    }

    /** Rules in file order, by id. */
    public Map<String, RuleDefinition> rules() {
        return java.util.Collections.unmodifiableMap(rules);
    }

    public Optional<RuleDefinition> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** Ids of the shadow rules ({@code mode: shadow}: evaluated and recorded, never counted), in file order. */
    public Set<String> shadowRules() {
        Set<String> ids = new java.util.LinkedHashSet<>();
        rules.values().stream().filter(r -> !r.live()).forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** The engine's own parameters (alerting, windows, thresholds per typology). */
    public List<ParameterDefinition> engineParameters() {
        return engineParameters;
    }

    /** Indicators of the source catalogue that are not rules yet, with the reason. */
    public List<DeferredIndicator> deferred() {
        return deferred;
    }

    /** Every parameter by full key, including the implicit {@code RULE-ID.enabled}. */
    public Map<String, ParameterDefinition> parameterDefinitions() {
        Map<String, ParameterDefinition> all = new LinkedHashMap<>();
        for (ParameterDefinition p : engineParameters) {
            all.put(ENGINE + "." + p.name(), p);
        }
        for (RuleDefinition r : rules.values()) {
            all.put(r.key("enabled"), new ParameterDefinition("enabled", ParameterType.BOOLEAN, true, "", null, null,
                    "Whether rule " + r.id() + " runs."));
            for (ParameterDefinition p : r.parameters()) {
                all.put(r.key(p.name()), p);
            }
        }
        return all;
    }
}
