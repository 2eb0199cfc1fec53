package org.htscreen.core.features;

/** Features of the Network family's rules, computed per screened transaction. */
public final class NetworkFeatures {

    public NetworkFeatures(FeatureContext ctx) {
    }
}
