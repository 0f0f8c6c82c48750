package io.github.jsvm.engine;

import org.jspecify.annotations.Nullable;

/**
 * A little of the heap kept aside, given back the moment a run meets an {@code OutOfMemoryError}, so
 * that closing the context that filled the heap and reporting the run do not fail for want of memory
 * (a guest that fills the heap in small steps leaves none at all). One per JVM, since the heap it
 * protects is the JVM's; taken again when the next run starts, if memory allows.
 *
 * <p>A sixteenth of the maximum heap, between 4 and 16 MB: well above the 2% of free heap below
 * which the collectors count a collection towards their GC overhead limit. That does not always
 * hold off the limit under the parallel collector, whose old generation gives the freed reserve to
 * live data moved up from the young one (README, "Not done yet").
 */
final class HeapReserve {
    static final int SIZE = (int) Math.clamp(Runtime.getRuntime().maxMemory() / 16, 4L << 20, 16L << 20);
    private static volatile byte @Nullable [] reserve = new byte[SIZE];

    private HeapReserve() {}

    /** Gives the reserve back to the heap. */
    static void release() {
        reserve = null;
    }

    /** Whether the reserve is held (for tests). */
    static boolean held() {
        return reserve != null;
    }

    /** Takes the reserve again if it was given back and the heap has room; one volatile read otherwise. */
    static void restore() {
        if (reserve == null) {
            try {
                reserve = new byte[SIZE];
            } catch (OutOfMemoryError stillFull) {
                // Try again at the next run.
            }
        }
    }
}
