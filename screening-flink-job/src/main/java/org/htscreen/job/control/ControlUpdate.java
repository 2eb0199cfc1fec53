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
 */
public record ControlUpdate(Map<String, String> files, String parametersYaml, List<String> signers, String contentId) {

    /** Whether signatures were verified. */
    public boolean signed() {
        return !signers.isEmpty();
    }
}
