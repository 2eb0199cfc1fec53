package org.htscreen.core.features;

/** Features of the Labour family's rules, computed per screened transaction. */
public final class LabourFeatures {

    public LabourFeatures(FeatureContext ctx) {
    }
}
