package org.htscreen.job.it;

import org.htscreen.wire.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the integration tests of the Confluent wire format: the broker and MiniCluster of {@link KafkaFlinkTest}
 * and {@link RegistryDouble}, an in-process HTTP test double of the schema registry (no real registry can be
 * started on these machines), for each test class.
 */
abstract class KafkaRegistryFlinkTest extends KafkaFlinkTest {

    static RegistryDouble registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryDouble.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }
}
