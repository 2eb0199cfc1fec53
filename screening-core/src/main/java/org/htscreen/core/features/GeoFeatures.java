package org.htscreen.core.features;

/** Features of the Geo family's rules, computed per screened transaction. */
public final class GeoFeatures {

    public GeoFeatures(FeatureContext ctx) {
    }
}
