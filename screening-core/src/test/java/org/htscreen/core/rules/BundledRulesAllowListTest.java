package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.htscreen.core.rules.allowlist.DrlAllowList;
import org.htscreen.core.rules.allowlist.Violation;
import org.junit.jupiter.api.Test;

/** The bundled rule set is written within the allow-list analysts write against. */
class BundledRulesAllowListTest {

    @Test
    void every_bundled_drl_file_passes_the_allow_list() {
        List<Violation> all = new ArrayList<>();
        RuleSet.bundled().drl().forEach((file, text) -> all.addAll(DrlAllowList.check(file, text)));
        assertEquals(List.of(), all);
    }
}
