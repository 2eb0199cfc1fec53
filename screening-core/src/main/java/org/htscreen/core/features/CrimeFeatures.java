package org.htscreen.core.features;

/** Features of the Crime family's rules, computed per screened transaction. */
public final class CrimeFeatures {

    public CrimeFeatures(FeatureContext ctx) {
    }
}
