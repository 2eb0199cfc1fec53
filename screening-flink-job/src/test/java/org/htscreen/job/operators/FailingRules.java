package org.htscreen.job.operators;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.htscreen.job.RuleSource;

/**
 * A failure injected into screening for tests: the bundled rules, with HT-CASH-01's consequence failing when it
 * fires on a transaction whose id starts with {@value #PREFIX} (a rule set that compiles but throws at run time).
 */
public final class FailingRules {

    /** Transactions whose id starts with this make HT-CASH-01 throw when it fires. */
    public static final String PREFIX = "boom";
    /**
     * The injected exception: the DRL allow-list admits no {@code throw}, so the consequence formats the transaction
     * id as a number ({@code String.format("%d", id)}), which fails at run time.
     */
    public static final String MESSAGE = "IllegalFormatConversionException";

    private FailingRules() {
    }

    /** The rule source, written under {@code dir} (the parameters, if any, next to it). */
    public static RuleSource in(Path dir, String parametersYaml) throws Exception {
        String marker = "    $out.signal(\"HT-CASH-01\", $t)";
        Map<String, String> files = AccountScreeningTest.bundledFiles("drl/cash.drl", marker,
                "    if ($t.getTxId().startsWith(\"" + PREFIX + "\")) { String.format(\"%d\", $t.getTxId()); }\n" + marker);
        if (!files.get("drl/cash.drl").contains("startsWith(\"" + PREFIX)) {
            throw new IllegalStateException("HT-CASH-01's consequence was not found in drl/cash.drl");
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        Path params = null;
        if (parametersYaml != null) {
            params = dir.resolveSibling(dir.getFileName() + "-parameters.yaml");
            Files.writeString(params, parametersYaml, StandardCharsets.UTF_8);
        }
        return RuleSource.of(dir, params);
    }

}
