package org.htscreen.core.features;

/** Features of the Kyc family's rules, computed per screened transaction. */
public final class KycFeatures {

    public KycFeatures(FeatureContext ctx) {
    }
}
