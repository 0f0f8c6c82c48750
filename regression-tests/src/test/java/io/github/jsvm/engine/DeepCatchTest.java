package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A guest that catches its stack overflow in the deepest frame and runs new code there cannot break
 * other Vms when its context has {@code ContextOptions.maxStackDepth}: the limit's {@code RangeError}
 * leaves the catch block enough of the thread's stack to set up the classes of its code. In a fresh
 * JVM, as what it guards against is JVM-wide. Negative control (by hand, it breaks the JVM it runs
 * in): the scenario {@code deep-catch-unlimited}, the same attack without the limit, fails, because
 * the JVM refuses a GraalJS node class for good once its set-up ran out of stack.
 */
class DeepCatchTest {
    @Test
    void aGuestCatchingItsStackOverflowInALimitedContextLeavesOtherVmsWorking() throws Exception {
        ForkedJvm.Outcome outcome = ForkedJvm.runSucceeding("deep-catch", MemoryBombTest.HEAP_CAP);
        assertThat(outcome.result()).contains("the attack gave 1;").contains("code in another Vm ran correctly");
    }
}
