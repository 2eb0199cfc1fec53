package org.htscreen.job;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.job.control.ControlPolicy;
import org.htscreen.core.rules.RuleSet;

/**
 * The rule set and parameter overrides the job starts with, as text shipped inside the job graph (a compiled
 * KieBase is not serialisable; operators compile in {@code open()}).
 */
public final class RuleSource implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> files;
    private final String parametersYaml;
    private final ControlPolicy control;
    /** Exemptions in force at start ({@code --exemptions}), or null for none. */
    private String exemptionsYaml;

    private RuleSource(HashMap<String, String> files, String parametersYaml) {
        this(files, parametersYaml, ControlPolicy.refuseAll());
    }

    private RuleSource(HashMap<String, String> files, String parametersYaml, ControlPolicy control) {
        this.files = files;
        this.parametersYaml = parametersYaml;
        this.control = control;
    }

    /** The same start-up rules with the policy control updates are admitted under (default: refuse them all). */
    public RuleSource withControl(ControlPolicy policy) {
        RuleSource r = new RuleSource(files, parametersYaml, policy);
        r.exemptionsYaml = exemptionsYaml;
        return r;
    }

    /**
     * The same rules with exemptions in force from the start (ADR 0017); checked now against the rule set, so a bad
     * file fails the submission with its line.
     *
     * @param file an exemptions file, or null for none
     * @throws org.htscreen.core.exemptions.InvalidExemptionsException {@code file:line: why}
     */
    public RuleSource withExemptions(Path file) {
        if (file == null) {
            return this;
        }
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exemptions.parse(yaml, file.toString(), ruleSet().catalogue());
        RuleSource r = new RuleSource(files, parametersYaml, control);
        r.exemptionsYaml = yaml;
        return r;
    }

    /** The exemptions in force at start, checked against a catalogue. */
    public Exemptions exemptions(org.htscreen.core.catalogue.Catalogue catalogue) {
        return exemptionsYaml == null ? Exemptions.none() : Exemptions.parse(exemptionsYaml, "exemptions.yaml", catalogue);
    }

    /** Which control updates the job admits. */
    public ControlPolicy control() {
        return control;
    }

    /** The bundled rules with default parameters. */
    public static RuleSource bundled() {
        return new RuleSource(null, null);
    }

    /** The bundled rules with parameter overrides given as YAML text. */
    public static RuleSource bundledWith(String parametersYaml) {
        ParameterOverrides.parse(parametersYaml, "parameters.yaml");
        return new RuleSource(null, parametersYaml);
    }

    /** Rules from a directory (or bundled when null) and overrides from a file (or none when null). */
    public static RuleSource of(Path rulesDir, Path parametersFile) {
        HashMap<String, String> files = null;
        if (rulesDir != null) {
            // fail early, with file and line, before the job is submitted (the allow-list compiles nothing)
            org.htscreen.core.rules.allowlist.DrlAllowList.enforce(RuleSet.fromDirectory(rulesDir));
            files = new HashMap<>();
            try (Stream<Path> all = Files.walk(rulesDir)) {
                for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    files.put(rulesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String params = null;
        if (parametersFile != null) {
            try {
                params = Files.readString(parametersFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ParameterOverrides.parse(params, parametersFile.getFileName().toString());
        }
        return new RuleSource(files, params);
    }

    /** The rule set (compiles nothing). */
    public RuleSet ruleSet() {
        return files == null ? RuleSet.bundled() : RuleSet.fromFiles("job rules", files);
    }

    /** The overrides: the shipped file, else the rule set's own parameters.yaml, else none. */
    public ParameterOverrides overrides(RuleSet ruleSet) {
        if (parametersYaml != null) {
            return ParameterOverrides.parse(parametersYaml, "parameters.yaml");
        }
        return ruleSet.overrides().orElse(ParameterOverrides.none());
    }

    public Map<String, String> files() {
        return files;
    }
}
