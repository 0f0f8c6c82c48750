package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The multi-tenant soak ({@link MultiTenantSoak}) in a forked JVM capped at {@value #HEAP_CAP}: 8 threads
 * for 150 seconds by default ({@code -Djsvm.soak.seconds=480} for the eight-minute run), every job
 * checking its own result; zero wrong results, zero unexpected exceptions, no hang, flat heap and threads.
 */
class SoakTest {
    static final String HEAP_CAP = "512m";
    /** System property: how long the soak runs, in seconds. */
    static final String SECONDS = "jsvm.soak.seconds";

    @Test
    void tenantsNeverSeeWrongResultsAndNothingWedgesTheVm() throws Exception {
        ForkedJvm.Outcome outcome = ForkedJvm.runSucceeding("soak", HEAP_CAP);
        assertThat(outcome.result()).contains("0 wrong, 0 unexpected");
    }
}
