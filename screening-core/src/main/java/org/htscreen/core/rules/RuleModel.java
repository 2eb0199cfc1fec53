package org.htscreen.core.rules;

import java.util.Locale;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.KieServices;

/**
 * How Drools compiles a rule set's DRL at run time (ADR 0023). {@link #MVEL}: Drools' classic build, constraints
 * interpreted by MVEL and then JIT-compiled to bytecode with ASM. {@link #EXECUTABLE}: Drools' executable model,
 * the DRL translated to Java source (constraints as lambdas) and compiled in memory with the JDK's compiler. Both
 * read the same DRL text, after the same allow-list (ADR 0012).
 */
public enum RuleModel {
    MVEL,
    EXECUTABLE;

    /** System property choosing the model of {@link CompiledRules#compile(RuleSet)}: {@code mvel} or {@code executable}. */
    public static final String PROPERTY = "htscreen.rule_model";

    /** The model named by {@link #PROPERTY}, or the default, {@link #MVEL}. */
    public static RuleModel fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "mvel").strip().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be mvel or executable, not " + value.toLowerCase(Locale.ROOT));
        }
    }

    KieBuilder build(KieServices ks, KieFileSystem kfs) {
        KieBuilder builder = ks.newKieBuilder(kfs);
        return this == EXECUTABLE ? builder.buildAll(ExecutableModelProject.class) : builder.buildAll();
    }
}
