package org.htscreen.workbench;

import java.nio.file.Path;
import org.htscreen.core.params.InvalidParameterException;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine.Option;

/** {@code --rules DIR} and {@code --parameters FILE}: which rule set and parameters to use. */
public final class RuleOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rule-set directory laid out like rules/ (default: the bundled rule set).")
    Path rules;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "Parameter overrides (YAML, see README \"Tuning the rules\"); default: the rule set's own "
                    + "parameters.yaml, else the catalogue defaults.")
    Path parameters;

    /** Loads the rule set; a broken one is an input error (exit 2). */
    RuleSet ruleSet() {
        return load(rules);
    }

    static RuleSet load(Path dir) {
        try {
            return dir == null ? RuleSet.bundled() : RuleSet.fromDirectory(dir);
        } catch (RuleSetException | InvalidParameterException e) {
            throw new InputException("rule set " + dir + " cannot be used (bin/screening rules validate " + dir
                    + " lists every error): " + e.getMessage());
        }
    }

    /** The overrides given, or null for the rule set's own; checked against the catalogue. */
    ParameterOverrides overrides(RuleSet rs) {
        return loadOverrides(parameters, rs);
    }

    static ParameterOverrides loadOverrides(Path file, RuleSet rs) {
        if (file == null) {
            return null;
        }
        try {
            ParameterOverrides o = ParameterOverrides.read(file);
            Parameters.of(rs.catalogue(), o);
            return o;
        } catch (InvalidParameterException e) {
            throw new InputException(file.getParent() == null ? e.getMessage()
                    : file.getParent() + "/" + e.getMessage());
        }
    }

    /** The parameter values in force. */
    Parameters effective(RuleSet rs) {
        ParameterOverrides o = overrides(rs);
        return Parameters.of(rs.catalogue(), o != null ? o : rs.overrides().orElse(ParameterOverrides.none()));
    }
}
