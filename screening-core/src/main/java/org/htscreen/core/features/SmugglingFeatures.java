package org.htscreen.core.features;

/** Features of the Smuggling family's rules, computed per screened transaction. */
public final class SmugglingFeatures {

    public SmugglingFeatures(FeatureContext ctx) {
    }
}
