package io.github.jsvm.engine;

import org.junit.jupiter.api.Test;

/**
 * 8 threads x 5000 runs over a pool of four contexts, mixed with script churn and dynamic imports,
 * in a forked JVM capped at 256 MB: no deadlock, no cross-talk, heap after GC flat at the end.
 */
class LoadTest {
    static final String HEAP_CAP = "256m";

    @Test
    void manyThreadsOverAContextPoolStayCorrectAndFlat() throws Exception {
        ForkedJvm.runSucceeding("load", HEAP_CAP);
    }
}
