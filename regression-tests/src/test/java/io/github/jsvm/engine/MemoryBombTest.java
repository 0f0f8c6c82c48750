package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A memory bomb under a 256 MB heap: the host JVM survives, another context keeps working during
 * and after, and the bomb's run ends with {@code ResourceExhaustedException} (allocation limit 64 MB).
 */
class MemoryBombTest {
    static final String HEAP_CAP = "256m";

    @Test
    void theHostAndOtherContextsSurviveAMemoryBomb() throws Exception {
        ForkedJvm.Outcome outcome = ForkedJvm.runSucceeding("memory-bomb", HEAP_CAP);
        assertThat(outcome.result()).contains("bomb stopped").contains("exceeded its allocation limit of 67108864 bytes");
    }
}
