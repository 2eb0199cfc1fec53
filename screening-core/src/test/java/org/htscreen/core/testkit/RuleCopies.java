package org.htscreen.core.testkit;

import java.util.Map;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.rules.RuleSet;

/**
 * The bundled rule set with a copy of one of its rules under another id (catalogue entry and DRL rule, its own
 * parameters), in the mode given: the way an analyst tries a variant of a rule next to the live set.
 */
public final class RuleCopies {

    private RuleCopies() {
    }

    /**
     * The bundled files with {@code original} copied as {@code copy} ({@code HT-CASH-01} as {@code HT-CASH-98}),
     * written with {@code mode: <mode>} in the catalogue ({@code null}: no mode line).
     */
    public static Map<String, String> withCopy(String original, String copy, String mode) {
        Map<String, String> files = HostileRules.bundledFiles();
        String catalogue = files.get(RuleSet.CATALOGUE);
        int start = catalogue.indexOf("  - id: " + original + "\n");
        int end = catalogue.indexOf("\n  - id: ", start + 1);
        int deferred = catalogue.indexOf("\ndeferred:");
        end = end < 0 || (deferred > 0 && deferred < end) ? deferred : end;
        String entry = catalogue.substring(start, end).stripTrailing().replace(original, copy) + "\n"
                + (mode == null ? "" : "    mode: " + mode + "\n");
        int rulesEnd = deferred < 0 ? catalogue.length() : deferred;
        files.put(RuleSet.CATALOGUE, catalogue.substring(0, rulesEnd).stripTrailing() + "\n\n" + entry
                + catalogue.substring(rulesEnd));
        String drlFile = familyFile(original);
        String drl = files.get(drlFile);
        int ruleStart = drl.indexOf("rule \"" + original + "\"");
        int ruleEnd = drl.indexOf("\nend\n", ruleStart) + "\nend\n".length();
        String rule = drl.substring(ruleStart, ruleEnd).replace("\"" + original, "\"" + copy);
        files.put(drlFile, drl + "\n" + rule);
        return files;
    }

    /** The bundled rule set with the copy, as a {@link RuleSet}. */
    public static RuleSet ruleSet(String original, String copy, String mode) {
        return RuleSet.fromFiles("copy-" + copy + "-" + mode, withCopy(original, copy, mode));
    }

    /** Just the bundled files with one rule's catalogue entry given a {@code mode} line. */
    public static Map<String, String> withMode(String ruleId, String mode) {
        return withMode(HostileRules.bundledFiles(), mode, ruleId);
    }

    /** The files with these rules' catalogue entries given a {@code mode} line (replacing one they have). */
    public static Map<String, String> withMode(Map<String, String> files, String mode, String... ruleIds) {
        String catalogue = files.get(RuleSet.CATALOGUE);
        for (String ruleId : ruleIds) {
            int start = catalogue.indexOf("  - id: " + ruleId + "\n");
            int next = catalogue.indexOf("\n  - id: ", start + 1);
            int modeLine = catalogue.indexOf("    mode: ", start);
            if (modeLine > 0 && (next < 0 || modeLine < next)) {
                catalogue = catalogue.substring(0, modeLine) + catalogue.substring(catalogue.indexOf('\n', modeLine) + 1);
            }
            int line = catalogue.indexOf("    family: ", start);
            catalogue = catalogue.substring(0, line) + "    mode: " + mode + "\n" + catalogue.substring(line);
        }
        files.put(RuleSet.CATALOGUE, catalogue);
        return files;
    }

    private static String familyFile(String ruleId) {
        return Family.valueOf(ruleId.split("-")[1]).drlFile();
    }
}
