package io.github.jsvm.leaktest;

import java.time.Duration;

/**
 * How a passing collectability check went.
 *
 * @param samplesCreated samples the factory created
 * @param effort the escalation that first saw a sample collected
 * @param elapsed time the check took
 */
public record CollectionReport(int samplesCreated, Effort effort, Duration elapsed) {

    /** The garbage-collection effort, weakest first. */
    public enum Effort {
        /** {@code System.gc()}, with a canary proving that a collection ran. */
        GC,
        /** Allocation pressure: the heap filled until the JVM clears soft references, then collected. */
        ALLOCATION_PRESSURE,
        /** A live heap dump, which forces a full collection. */
        HEAP_DUMP
    }
}
