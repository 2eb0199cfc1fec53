package org.htscreen.core.features;

/** Features of the Spend family's rules, computed per screened transaction. */
public final class SpendFeatures {

    public SpendFeatures(FeatureContext ctx) {
    }
}
