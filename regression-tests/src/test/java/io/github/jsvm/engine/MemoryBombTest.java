package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A memory bomb under a 256 MB heap: the host JVM survives, another context keeps working during
 * and after, and the bomb's run ends with {@code ResourceExhaustedException} (allocation limit 64 MB).
 * And guest data that would exhaust a small heap with no limits set ends with typed exceptions.
 */
class MemoryBombTest {
    static final String HEAP_CAP = "256m";
    static final String SMALL_HEAP = "96m";

    @Test
    void theHostAndOtherContextsSurviveAMemoryBomb() throws Exception {
        ForkedJvm.Outcome outcome = ForkedJvm.runSucceeding("memory-bomb", HEAP_CAP);
        assertThat(outcome.result()).contains("bomb stopped").contains("exceeded its allocation limit of 67108864 bytes");
    }

    /**
     * Guest data that would exhaust a {@value #SMALL_HEAP} heap with no limits set (a sparse array of
     * 2^24 holes, huge strings returned and thrown, a syntax error in a 3 MB line, a heap bomb): each
     * ends with a typed exception, never an {@code OutOfMemoryError}, and a fresh context works after it.
     */
    @Test
    void guestDataNeverExhaustsASmallHostHeap() throws Exception {
        ForkedJvm.Outcome outcome = ForkedJvm.runSucceeding("host-heap", SMALL_HEAP);
        assertThat(outcome.result()).contains("heap bomb: ResourceExhaustedException").contains("sparse array result: VmException")
                .contains("host list of a million elements: summed to 1000000");
    }
}
