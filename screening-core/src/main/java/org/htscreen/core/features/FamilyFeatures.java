package org.htscreen.core.features;

import java.util.List;
import java.util.function.Function;

/**
 * The feature calculators, one per indicator family. Each turns a {@link FeatureContext} into one fact object
 * whose getters the family's DRL rules compare against parameters. Adding a family means adding its class here.
 */
public final class FamilyFeatures {

    /** Calculators in family order. */
    public static final List<Function<FeatureContext, Object>> CALCULATORS = List.of(
            CashFeatures::new,
            FlowFeatures::new,
            SpendFeatures::new,
            SpendChannelFeatures::new,
            NetworkFeatures::new,
            KycFeatures::new,
            LabourFeatures::new,
            ShamFeatures::new,
            CrimeFeatures::new,
            SmugglingFeatures::new,
            GeoFeatures::new,
            TransferShapeFeatures::new);

    private FamilyFeatures() {
    }
}
