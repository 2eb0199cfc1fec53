package org.htscreen.workbench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.core.exemptions.Exemption;
import org.htscreen.core.exemptions.ExemptionChange;
import org.htscreen.core.exemptions.Exemptions;
import org.htscreen.core.exemptions.InvalidExemptionsException;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
                    + "before expiry, at most 366 days, unique ids, no wildcard accounts. Names what it changes against "
                    + "the set in force (--in-force; default: none) and says when the job would take it only with one "
                    + "signature more (it exempts more than --max-exempted-accounts accounts at once, as the job's "
                    + "option of that name).",
            footer = {"", "Exit codes: 0 valid; 2 invalid (exit 2: file:line: why) or unreadable."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RuleOptions ruleOptions;
        @Parameters(paramLabel = "FILE", description = "Exemptions file (YAML).")
        Path file;
        @Option(names = "--in-force", paramLabel = "FILE", description = "The exemptions file in force in the job, to compare with (default: none).")
        Path inForce;
        @Option(names = "--max-exempted-accounts", paramLabel = "N", defaultValue = "" + ExemptionChange.DEFAULT_MAX_ACCOUNTS,
                description = "The job's limit: a set exempting more accounts at once needs one signature more (default: ${DEFAULT-VALUE}).")
        int maxAccounts;

        @Override
        public Integer call() {
            if (maxAccounts < 0) {
                throw new UsageException("--max-exempted-accounts must be >= 0");
            }
            RuleSet rules = ruleOptions.ruleSet();
            Exemptions e;
            Exemptions before;
            try {
                e = load(file, rules);
                before = inForce == null ? Exemptions.none() : load(inForce, rules);
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
            ExemptionChange change = ExemptionChange.between(before, e);
            out.printf(Locale.ROOT, "against %s: %s%n", before.version(), change.summary());
            change.blinding(maxAccounts).ifPresent(why -> out.printf(Locale.ROOT, "could blind screening: %s: "
                    + "the job takes it only with one signature more than --required-signatures (countersign the bundle: "
                    + "bin/screening rules sign BUNDLE --key OTHER.pem --out BUNDLE)%n", why));
            out.flush();
            return Exit.OK;
        }
    }
}
