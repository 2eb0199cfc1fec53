package org.htscreen.workbench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.htscreen.core.bundle.BundleException;
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.bundle.TrustedKeys;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.core.rules.RuleSetException;
import org.htscreen.core.rules.allowlist.DrlAllowList;
import org.htscreen.workbench.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules sign} and {@code rules verify}: signed rule bundles (ADR 0012, docs/deploy.md). */
final class BundleCommands {

    private BundleCommands() {
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Signs a rule-set directory (catalogue.yaml, drl/, reference/, parameters.yaml), a parameter "
                    + "file, an exemptions file (one with a top-level 'exemptions:' list), or an existing bundle (adds a signature: maker-checker) with an Ed25519 private key "
                    + "(PEM, as 'openssl genpkey -algorithm ed25519' writes it). A rule set must pass the DRL "
                    + "allow-list first. A new bundle is stamped with its issue time (signed with the files): the job "
                    + "refuses a bundle not issued after the last one of its kind it accepted, so an older signed "
                    + "bundle sent again cannot take a deployment back. Writes one bundle file: a zip of files/, "
                    + "ISSUED and SIGNATURES.")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR|FILE|BUNDLE", description = "Rule-set directory, parameters YAML file, or a bundle to countersign.")
        Path input;
        @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem", description = "Ed25519 private key (PKCS#8 PEM).")
        Path key;
        @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle file to write (may be the input bundle).")
        Path out;
        @Option(names = "--issued-at", paramLabel = "INSTANT",
                description = "Issue time of a new bundle, ISO-8601 (e.g. 2026-12-03T17:00:00Z). Default: now. "
                        + "Not with a bundle to countersign: its stamp is part of what the first signer signed.")
        java.time.Instant issuedAt;

        @Override
        public Integer call() {
            if (!Files.exists(input)) {
                throw new InputException(input + ": no such file or directory");
            }
            if (!Files.isRegularFile(key)) {
                throw new InputException(key + ": no such key file");
            }
            RuleBundle bundle;
            try {
                if (isBundle(input)) {
                    if (issuedAt != null) {
                        throw new InputException("--issued-at cannot restamp " + input + ": its stamp is signed; "
                                + "sign the directory or file again to issue a new bundle");
                    }
                    bundle = RuleBundle.read(input);
                } else {
                    bundle = RuleBundle.fromDirectory(input).issuedAt(issuedAt != null ? issuedAt : java.time.Instant.now());
                }
                if (bundle.kind() == RuleBundle.Kind.RULE_SET) {
                    DrlAllowList.enforce(RuleSet.fromFiles(input.toString(), bundle.texts()));
                }
                bundle = bundle.signedWith(Ed25519Keys.readPrivate(key));
            } catch (BundleException e) {
                throw new InputException(e.getMessage(), e);
            }
            bundle.write(out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "signed: %s: %s of %d files, %s, content sha256 %s; signatures by %s%n", out,
                    words(bundle.kind()), bundle.files().size(), issued(bundle), bundle.contentId(),
                    String.join(", ", bundle.signatures().stream().map(s -> s.keyId()).toList()));
            return Exit.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks that trusted keys signed exactly this bundle's content. Exit 0 when at least "
                    + "--required-signatures distinct trusted keys signed it; exit 1 with the reason otherwise "
                    + "(wrong key, changed content, missing signature, too few signatures).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "BUNDLE", description = "Bundle file.")
        Path bundleFile;
        @Option(names = "--trust", required = true, paramLabel = "PUBLIC.pem",
                description = "A trusted Ed25519 public key (PEM); repeatable.")
        List<Path> trust = new ArrayList<>();
        @Option(names = "--required-signatures", paramLabel = "N", defaultValue = "1",
                description = "Distinct trusted keys that must have signed (maker-checker: 2). Default: ${DEFAULT-VALUE}.")
        int required;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(bundleFile)) {
                throw new InputException(bundleFile + ": no such bundle file");
            }
            TrustedKeys keys;
            try {
                keys = TrustedKeys.read(trust, required);
            } catch (BundleException e) {
                throw new InputException(e.getMessage(), e);
            }
            PrintWriter err = spec.commandLine().getErr();
            try {
                RuleBundle bundle = RuleBundle.read(bundleFile);
                List<String> signers = keys.verify(bundle);
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "verified: %s: %s of %d files, %s, content sha256 %s; signed by trusted keys %s (%d required)%n",
                        bundleFile, words(bundle.kind()), bundle.files().size(), issued(bundle), bundle.contentId(),
                        String.join(", ", signers), required);
                return Exit.OK;
            } catch (BundleException | RuleSetException e) {
                err.println("exit 1: " + bundleFile + " is not trusted: " + e.getMessage());
                err.flush();
                return Exit.FINDINGS;
            }
        }
    }

    private static boolean isBundle(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (java.io.IOException e) {
            throw new InputException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String issued(RuleBundle bundle) {
        return bundle.issued().map(i -> "issued " + i).orElse("unstamped (no issue time: not protected against replay)");
    }

    private static String words(RuleBundle.Kind kind) {
        return switch (kind) {
            case RULE_SET -> "rule set";
            case PARAMETERS -> "parameter set";
            case EXEMPTIONS -> "exemption set";
        };
    }
}
