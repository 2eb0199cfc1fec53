package org.htscreen.core.features;

/** Features of the Sham family's rules, computed per screened transaction. */
public final class ShamFeatures {

    public ShamFeatures(FeatureContext ctx) {
    }
}
