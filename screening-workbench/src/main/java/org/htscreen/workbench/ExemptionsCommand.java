package org.htscreen.workbench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.InvalidExemptionsException;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code exemptions validate}: checks an exemptions file (ADR 0017) against the rule set. */
@Command(name = "exemptions", mixinStandardHelpOptions = true,
        description = "Exemptions: reviewed, benign patterns whose alerts are suppressed (ADR 0017).",
        subcommands = {ExemptionsCommand.Validate.class})
public final class ExemptionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (validate)");
    }

    /** Reads a file for a command; a problem is an input error naming the file and line. */
    static Exemptions load(Path file, RuleSet rules) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such exemptions file");
        }
        try {
            return Exemptions.read(file, rules.catalogue());
        } catch (InvalidExemptionsException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks an exemptions file: fields, rule ids and typologies of the rule set, approval "
                    + "before expiry, at most 366 days, unique ids.",
            footer = {"", "Exit codes: 0 valid; 2 invalid (exit 2: file:line: why) or unreadable."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RuleOptions ruleOptions;
        @Parameters(paramLabel = "FILE", description = "Exemptions file (YAML).")
        Path file;

        @Override
        public Integer call() {
            RuleSet rules = ruleOptions.ruleSet();
            Exemptions e;
            try {
                e = load(file, rules);
            } catch (InputException ex) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("exit 2: " + ex.getMessage());
                err.flush();
                return Exit.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "valid: %s: version %s, %d exemptions (rule set %s)%n", file, e.version(),
                    e.all().size(), rules.version());
            for (Exemption x : e.all()) {
                out.printf(Locale.ROOT, "  %s: account %s, %s, %s to %s, approved by %s%n", x.id(), x.accountId(),
                        x.scope(), x.approvedAt(), x.expiresAt(), x.approver());
            }
            out.flush();
            return Exit.OK;
        }
    }
}
