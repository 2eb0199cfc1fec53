package org.htscreen.job.control;

import java.util.List;
import java.util.Map;

/**
 * A control update admitted by the {@link ControlPolicy}: its files (a rule set) or parameters text, who signed it
 * and the SHA-256 of its content (empty for an unsigned update under {@code --allow-unsigned-control}).
 *
 * @param files          rule-set files by path (RULE_SET), else empty
 * @param parametersYaml parameters text (PARAMETERS), else null
 * @param signers        ids of the trusted keys whose signatures verified (empty when unsigned)
 * @param contentId      SHA-256 of the bundle's canonical form, or "unsigned"
 * @param issuedAt       the bundle's signed issue time, epoch milliseconds, or null (unstamped bundle, unsigned update)
 */
public record ControlUpdate(Map<String, String> files, String parametersYaml, List<String> signers, String contentId,
        Long issuedAt) {

    /** An update without an issue time. */
    public ControlUpdate(Map<String, String> files, String parametersYaml, List<String> signers, String contentId) {
        this(files, parametersYaml, signers, contentId, null);
    }

    /** Whether signatures were verified. */
    public boolean signed() {
        return !signers.isEmpty();
    }
}
