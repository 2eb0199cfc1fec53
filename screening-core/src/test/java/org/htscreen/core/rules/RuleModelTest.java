package org.htscreen.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.htscreen.core.testkit.RuleHarness;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;

/**
 * ADR 0023: Drools' executable model compiles the bundled DRL at run time and gives the MVEL build's answers.
 */
class RuleModelTest {

    @Test
    void the_executable_model_gives_the_same_signals_and_alerts_as_the_mvel_build() {
        Sample sample = SampleTraffic.generate(SampleConfig.small());
        CompiledRules mvel = RuleHarness.rules();
        CompiledRules executable = CompiledRules.compile(RuleSet.bundled(), RuleModel.EXECUTABLE);
        List<String> expected = GatedGoldenTest.run(sample, mvel, new SimpleMeterRegistry());
        List<String> actual = GatedGoldenTest.run(sample, executable, new SimpleMeterRegistry());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "outcome " + i);
        }
        assertTrue(expected.stream().anyMatch(s -> !s.endsWith(" alerts []")), "the run raises alerts");
    }

    @Test
    void an_unknown_model_is_refused_with_the_property_named() {
        String before = System.getProperty(RuleModel.PROPERTY);
        System.setProperty(RuleModel.PROPERTY, "lambda");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RuleModel::fromSystemProperty);
            assertEquals("-Dhtscreen.rule_model must be mvel or executable, not lambda", e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(RuleModel.PROPERTY);
            } else {
                System.setProperty(RuleModel.PROPERTY, before);
            }
        }
    }
}
