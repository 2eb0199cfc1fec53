package org.htscreen.core.features;

/** Features of the Flow family's rules, computed per screened transaction. */
public final class FlowFeatures {

    public FlowFeatures(FeatureContext ctx) {
    }
}
