package org.htscreen.core.features;

/** Features of the SPEND family's rules HT-SPEND-09..17, computed per screened transaction. */
public final class SpendChannelFeatures {

    public SpendChannelFeatures(FeatureContext ctx) {
    }
}
